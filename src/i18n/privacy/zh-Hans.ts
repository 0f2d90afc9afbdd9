// 隐私页的简体中文（内地用语）文字。
import type { PrivacyMessages } from './en'

export const zhHans = {
  title: '隐私',
  intro: 'SIMKeep 只保存发送提醒所需的数据。以下是全部内容，以及每项保存多久。',
  whoHeading: '谁运营这项服务',
  whoBody: '这个 SIMKeep 服务由 {name} 运营，并负责保管你的数据。',
  whoContact: '有疑问或想查询你的数据：{email}',
  whoUnset: '这个 SIMKeep 没有设置运营者：它是用于测试的本地版本。',
  storedHeading: '我们保存什么、保存多久',
  keptFor: '保存：',
  address: '你的邮箱地址、你选择的语言和时区，以及你订阅、确认或取消订阅的时间。',
  addressKept:
    '直到你删除数据。订阅后 {pendingDays} 天内没有确认的，订阅连同卡的数据会被删除。取消订阅会停止所有邮件，但保留你的卡，方便你以后重新开始。',
  cards: '每张卡：你给它起的名称、运营商、到期日、续费天数、提醒日期，以及自动续费和查询余额的选择。',
  cardsKept: '直到你删除这张卡或删除数据。',
  reminders: '哪张卡、哪个日期的提醒已经发出，确保同一提醒不会重复发送。',
  remindersKept: '至发出后 {doneDays} 天，之后删除。',
  emails:
    '我们发给你的每封邮件：内容只保存到邮件服务商接收为止，以便发送失败时重试；收件地址、主题和发送时间留作查询之用。',
  emailsKept: '内容到发出（或停止重试）为止；其余在发出 {doneDays} 天后删除。',
  bounces:
    '如果发给你的邮件被退回或被标记为垃圾邮件：记录此事及发生时间，以便我们停止发送。邮件服务商的相关通知只保存编号和类别。',
  bouncesKept: '此记录到你删除数据为止；通知 {doneDays} 天。',
  limits: '为防止表单被滥用：用你网络（IP）地址的单向哈希值按分钟计数，从不保存地址本身。',
  limitsKept: '约一天。',
  cookie: '记住你所选语言的 cookie（只在你选择语言时设置）。',
  cookieKept: '一年，保存在你的浏览器里。',
  neverHeading: '我们从不索取的信息',
  never: '你的手机号码、证件号码或支付信息。SIMKeep 不会替你充值，也不处理任何款项。',
  othersHeading: '还有谁处理这些数据',
  others:
    'SIMKeep 运行在 Cloudflare Workers 上，数据保存在 Cloudflare D1 数据库中。邮件通过 Resend 发出，Resend 会保存自己的发送记录。',
  deleteHeading: '删除所有数据',
  deleteBody:
    '在任意一封 SIMKeep 邮件里点“管理我的 SIM 卡”，再选择“删除我的所有数据”：你的地址、所有卡、提醒记录和邮件副本会立即删除。',
  deleteLost: '找不到链接？可以在表单页面的“已经订阅了？”获取新链接。',
  deleteWrite: '也可以发邮件到 {email}。',
} satisfies PrivacyMessages

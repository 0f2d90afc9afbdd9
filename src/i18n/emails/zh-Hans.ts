// Simplified Chinese email copy, in mainland usage (充值、续费、余额、邮件).
import type { EmailMessages } from './en'

export const zhHans = {
  htmlLang: 'zh-Hans-CN',
  brand: 'SIMKeep',
  tagline: '保号提醒：预付费卡到期前提醒你充值',
  carriers: {
    cmhk: '中国移动香港',
    '3hk': '3HK',
    csl: 'csl',
    smartone: 'SmarTone',
    cuhk: '中国联通香港',
    other: '其他运营商',
  },
  paren: (text: string) => `（${text}）`,
  colon: '：',
  /** what goes between two sentences: a space in English, nothing in Chinese */
  sentenceGap: '',
  unnamedCard: '你的 SIM 卡',
  validUntil: (date: string) => `有效期至${date}`,
  confirm: {
    subject: '请确认你的 SIMKeep 保号提醒',
    preheader: '点一下确认，我们就会在 SIM 卡到期前发邮件提醒你。',
    heading: '确认你的保号提醒',
    intro: (count: number) =>
      count === 1
        ? '你已要求 SIMKeep 在这张 SIM 卡到期前提醒你：'
        : `你已要求 SIMKeep 在这 ${count} 张 SIM 卡到期前提醒你：`,
    button: '确认提醒',
    buttonHint: '按钮会打开一个网页，在网页上再点一次“确认”，提醒就会开始。',
    linkHint: '上面的链接会打开一个网页，在网页上点“确认”，提醒就会开始。',
    validity: (days: number) => `此链接 ${days} 天内有效。`,
    ignore: '如果不是你本人操作，忽略这封邮件即可，我们不会再联系你。',
  },
  manageLink: {
    subject: '你的 SIMKeep 提醒管理链接',
    preheader: '点一下就能打开你的卡和提醒。',
    heading: '管理你的提醒',
    intro: '我们收到了获取此地址 SIMKeep 提醒管理链接的请求。',
    button: '打开我的提醒',
    validity: (days: number) => `链接 ${days} 天内有效。`,
    ignore: '如果不是你申请的，忽略这封邮件就好，什么都不会改变。',
  },
  reminder: {
    subject: {
      daysLeft: (label: string, days: number, date: string) => `${label}：还剩 ${days} 天（${date}到期）`,
      today: (label: string, date: string) => `${label}：今天到期（${date}）`,
      past: (label: string, date: string) => `${label}：已于${date}到期`,
      expired: (label: string, date: string) => `${label}：今天（${date}）到期，请马上续费`,
      balance: (label: string) => `${label}：该查一下余额了`,
      balanceMany: (count: number) => `该查一下 ${count} 张 SIM 卡的余额了`,
      more: (subject: string, count: number) => `${subject}，另有 ${count} 条提醒`,
    },
    status: {
      daysLeft: (days: number) => `还剩 ${days} 天`,
      today: '今天到期',
      past: '有效期已过',
      balance: '每月查余额',
    },
    preheader: {
      renew: '记得及时续费，并用安全的方式充值：详情见正文。',
      balance: '每月查一查，出行时就不怕余额不足。',
    },
    heading: {
      renew: '该给 SIM 卡续费了',
      tomorrow: 'SIM 卡明天到期',
      today: 'SIM 卡今天到期',
      past: 'SIM 卡有效期已过',
      balance: '该查一下余额了',
    },
    expiredNotice:
      '请今天内通过运营商官网、App 或电子钱包充值；银行转账或 PPS 已经来不及了。如果卡已经失效，请马上联系运营商。不要指望有宽限期：有些卡一到期，号码和余额就没了。',
    expiredLateNotice: (date: string) => `这张卡的有效期已于${date}结束。请马上联系运营商，询问号码能否保留。`,
    balanceNotice: '现在花一分钟看一看，下次出行就不会措手不及。可以拨打运营商客服热线，或在官网、App 查询。',
    autoRenewOff: '小贴士：在运营商那里开通自动续费，就算忘了日子也不会停机。',
    autoRenewOn: '已开通自动续费：套餐会从卡内余额扣费，请在续费前留足余额。',
    renewedButton: '我已续费',
    calendarLink: '添加到日历',
    channelsHeading: '四种续费方式',
    channels: {
      website: {
        name: '运营商官网',
        advice: '在充值／续费页面办理。请自己输入网址或使用书签，不要点陌生消息里的链接，钓鱼网站会仿冒运营商页面。',
      },
      app: { name: '运营商 App', advice: '登录后随时随地充值。请及时更新 App，保管好账户密码。' },
      shop: {
        name: '运营商营业厅',
        advice: '带上 SIM 卡和身份证件，由工作人员办理。虽然慢一些，但最稳妥；去之前先查好营业时间。',
      },
      wallet: {
        name: '微信支付／支付宝',
        advice: '都有充值入口。请确认是正规平台，并留意手续费。',
      },
    },
    tipsHeading: '充值小提示',
    tips: {
      balance: '查余额：拨打运营商客服热线，或在官网、App 查询。',
      bank: '通过银行或 PPS 充值，请至少在到期前 3 个工作日办理，到账可能需要 2 个工作日。',
      minimum: '有些卡要充值达到最低金额才会延长有效期，请先确认你的卡的要求。',
      early: '有些卡充值太早并不会延长有效期。',
      receipt: '付款前核对金额，并保留好凭证。',
      arrival: '充值一般 24 小时内到账；如果还没到账，请联系客服。',
      dualNumber: '一卡双号：内地号码可能会单独失效，记得一起查看。',
    },
  },
  footer: {
    whyConfirm: '你收到这封邮件，是因为有人在 SIMKeep 填写了这个邮箱地址。',
    whyReminder: '你收到这封邮件，是因为你订阅了 SIMKeep 保号提醒。',
    safety: 'SIMKeep 不会向你索要支付信息，也不会替你充值。',
    manage: '管理我的 SIM 卡',
    unsubscribe: '取消订阅',
    unsubscribeText: '取消订阅所有 SIMKeep 邮件',
    stopBalance: '只停止查询余额提醒',
    operator: (name: string) => `SIMKeep 由 ${name} 运营。`,
    privacy: '隐私',
  },
} satisfies EmailMessages

// Words of the calendar feed (event titles and notes), in the subscriber's language.
import type { Locale } from '../domain/types'

const en = {
  calendarName: 'SIMKeep: SIM card expiry dates',
  card: 'SIM card',
  summary: (name: string) => `${name}: last day of validity`,
  /** a plan that renews itself: the day says what happens on it */
  summaryRenews: (name: string) => `${name}: plan renews from the balance`,
  expires: 'Your prepaid SIM card expires at the end of this day. Renew before then, through a channel you trust.',
  /** a plan that renews itself: nothing to renew, only the balance to keep (null: no fee given) */
  autoRenews: (amount: string | null) =>
    amount
      ? `Your plan renews itself on this day by taking ${amount} from the card’s balance. Keep at least ${amount} on the card before this day, or the plan lapses.`
      : 'Your plan renews itself on this day by taking its fee from the card’s balance. Keep enough on the card before this day, or the plan lapses.',
  /** `channels`: the card's slow channels as the emails name them ("PPS or bank ATM") */
  lastSafeDay: (channels: string, date: string) =>
    `Topping up with ${channels}? Do it by ${date}: it can take up to 2 working days to arrive.`,
  tooLateForSlow: (channels: string) =>
    `It’s too late now to top up with ${channels}: use your carrier’s app or website.`,
  renewed: (url: string) => `Renewed? Update the date: ${url}`,
}

export type CalendarMessages = typeof en

const zhHant = {
  calendarName: 'SIMKeep：SIM 卡到期日',
  card: 'SIM 卡',
  summary: (name: string) => `${name}：有效期最後一天`,
  summaryRenews: (name: string) => `${name}：計劃從餘額自動續期`,
  expires: '你的儲值卡在今日完結時到期，請在此之前經可信的途徑增值續期。',
  autoRenews: (amount: string | null) =>
    amount
      ? `計劃會在今日從卡內餘額扣除 ${amount} 自動續期。請在今日之前確保卡內最少有 ${amount}，若餘額不足，計劃便會失效。`
      : '計劃會在今日從卡內餘額扣費自動續期。請在今日之前預留足夠餘額，若餘額不足，計劃便會失效。',
  lastSafeDay: (channels: string, date: string) =>
    `用${channels}增值？請於${date}或之前辦理：款項最多要 2 個工作天才入賬。`,
  tooLateForSlow: (channels: string) => `現在用${channels}增值已經來不及，請用電訊商的 App 或網站增值。`,
  renewed: (url: string) => `已續期？請更新日期：${url}`,
} satisfies CalendarMessages

const zhHans = {
  calendarName: 'SIMKeep：SIM 卡到期日',
  card: 'SIM 卡',
  summary: (name: string) => `${name}：有效期最后一天`,
  summaryRenews: (name: string) => `${name}：套餐从余额自动续费`,
  expires: '你的预付费卡在今天结束时到期，请在此之前通过可信的渠道充值续费。',
  autoRenews: (amount: string | null) =>
    amount
      ? `套餐会在今天从卡内余额扣除 ${amount} 自动续费。请在今天之前确保卡内至少有 ${amount}，如余额不足，套餐就会失效。`
      : '套餐会在今天从卡内余额扣费自动续费。请在今天之前留足余额，如余额不足，套餐就会失效。',
  lastSafeDay: (channels: string, date: string) => `用${channels}充值？请在${date}或之前完成：到账最多要 2 个工作日。`,
  tooLateForSlow: (channels: string) => `现在用${channels}充值已经来不及，请用运营商的 App 或网站充值。`,
  renewed: (url: string) => `已续费？请更新日期：${url}`,
} satisfies CalendarMessages

export const CALENDAR_MESSAGES: Record<Locale, CalendarMessages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans }

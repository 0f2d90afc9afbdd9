// Domain types shared by routes, the scheduler and emails.
export const LOCALES = ['zh-Hant', 'zh-Hans', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export const CARRIERS = ['cmhk', '3hk', 'csl', 'smartone', 'cuhk', 'other'] as const
export type Carrier = (typeof CARRIERS)[number]

export type BalanceCheck = 'monthly' | 'none'

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed'

export interface Subscriber {
  id: string
  email: string
  locale: Locale
  timezone: string
  status: SubscriberStatus
  createdAt: number
  confirmedAt: number | null
  unsubscribedAt: number | null
  suppressedAt: number | null
  suppressedReason: string | null
}

/** The settings a subscriber chooses for one card (the form's fields). */
export interface CardSettings {
  label: string
  carrier: Carrier | null
  /** YYYY-MM-DD, the last day of validity */
  expiresOn: string
  cycleDays: number | null
  /** distinct, sorted descending, each 0..60 */
  leadDays: number[]
  autoRenew: boolean
  balanceCheck: BalanceCheck
}

export interface Card extends CardSettings {
  id: string
  subscriberId: string
  status: 'pending' | 'active'
  activeFrom: number | null
  nextDueAt: number | null
  createdAt: number
  updatedAt: number
}

export type OccurrenceKind = 'reminder' | 'expired' | 'balance'

/** One outgoing email as the mail provider receives it; the outbox stores it until it is accepted. */
export interface OutgoingMessage {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
}

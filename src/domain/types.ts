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
  /**
   * the fee (HK cents) an auto-renewing plan takes from the balance at each renewal; null or absent when
   * not given, and always null with auto-renewal off
   */
  renewalFeeCents?: number | null
  balanceCheck: BalanceCheck
}

export interface Card extends CardSettings {
  id: string
  subscriberId: string
  status: 'pending' | 'active'
  activeFrom: number | null
  nextDueAt: number | null
  /** the last renewal or settings edit (not confirmation or resubscription); null when never */
  editedAt: number | null
  createdAt: number
  updatedAt: number
}

/**
 * reminder: before expiry (a balance check when the plan renews itself); expired: day E, auto-renewal off;
 * followup: day E+1, auto-renewal off, not renewed or edited since; renew_check: day E+1, auto-renewal
 * on ("did it renew?"); balance: the monthly balance check.
 */
export const OCCURRENCE_KINDS = ['reminder', 'expired', 'followup', 'renew_check', 'balance'] as const
export type OccurrenceKind = (typeof OCCURRENCE_KINDS)[number]
/** One outgoing email as the mail provider receives it; the outbox stores it until it is accepted. */
export interface OutgoingMessage {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
}

/** One email a card is owed: a reminder, the expired notice, a follow-up, "did it renew?" or a balance check. */
export interface Occurrence {
  /**
   * UNIQUE occurrence key: r:{card}:{E}:{L} reminder, x:{card}:{E} expired, f:{card}:{E} follow-up,
   * a:{card}:{E} "did it renew?", b:{card}:{YYYY-MM} balance check
   */
  key: string
  kind: OccurrenceKind
  /** the expiry the occurrence is about (null for balance checks) */
  expiresOn: string | null
  leadDay: number | null
  /** the UTC instant it became due */
  dueAt: number
}

// What each email is rendered from, and what rendering gives: plain data, shared by the renderers.
import type { Carrier, Locale, OccurrenceKind } from '../domain/types'

/** Who sends SIMKeep's emails: the operator named in every footer, and the link to /privacy. */
export interface EmailSender {
  /** OPERATOR_NAME; null only where it is not set (local development) */
  operator: string | null
  /** `${PUBLIC_URL}/privacy?lang=…` */
  privacyUrl: string
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

export interface ConfirmationEmailData {
  locale: Locale
  /**
   * the cards waiting for confirmation in this request (usually one). No label: whoever fills the form
   * may not be the mailbox's owner, so this email carries no text typed into it (carrier and expiry
   * are enough to recognise the card; the label shows once the owner confirmed).
   */
  cards: Array<{ carrier: Carrier | null; expiresOn: string }>
  confirmUrl: string
  unsubscribeUrl: string
  /** how many days the confirmation link stays valid */
  validDays: number
  sender: EmailSender
}

export interface ReminderItem {
  kind: OccurrenceKind
  card: {
    label: string
    carrier: Carrier | null
    /** the expiry this item is about (for "did it renew?": the one that passed) */
    expiresOn: string
    autoRenew: boolean
    cycleDays: number | null
    /** HK cents the plan takes at each renewal; null or absent when not given */
    renewalFeeCents?: number | null
    /** "did it renew?" only: the expiry the scheduler rolled to, when it did */
    rolledTo?: string | null
  }
  /** whole days from the subscriber's local today to the expiry date (0 = today, negative = past) */
  daysLeft: number
  links: { renewed: string; calendar: string }
}

export interface ReminderEmailData {
  locale: Locale
  /** the subscriber's local date (YYYY-MM-DD): decides whether the last safe day has passed */
  today: string
  /** most urgent first */
  items: ReminderItem[]
  /** stopBalance: `/unsubscribe/{token}?only=balance`, given when the email holds a balance check */
  links: { manage: string; unsubscribe: string; stopBalance?: string }
  sender: EmailSender
}

export interface ManageLinkEmailData {
  locale: Locale
  manageUrl: string
  unsubscribeUrl: string
  /** how many days the manage link stays valid */
  validDays: number
  sender: EmailSender
}

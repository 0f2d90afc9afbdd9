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
  /** the cards waiting for confirmation in this request (usually one) */
  cards: Array<{ label: string; carrier: Carrier | null; expiresOn: string }>
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
    expiresOn: string
    autoRenew: boolean
    cycleDays: number | null
  }
  /** whole days from the subscriber's local today to the expiry date (0 = today, negative = past) */
  daysLeft: number
  links: { renewed: string; calendar: string }
}

export interface ReminderEmailData {
  locale: Locale
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

// What each email is rendered from, and what rendering gives: plain data, shared by the renderers.
import type { Carrier, Locale, OccurrenceKind } from '../domain/types'

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
  links: { manage: string; unsubscribe: string }
}

export interface ManageLinkEmailData {
  locale: Locale
  manageUrl: string
  unsubscribeUrl: string
  /** how many days the manage link stays valid */
  validDays: number
}

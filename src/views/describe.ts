// Small wording helpers shared by pages: reminder days as a list, carrier names, local dates.
import { carrierGuide } from '../domain/carriers'
import type { Carrier, Locale } from '../domain/types'
import { localDate } from '../domain/zoned-time'
import { formatDate, INTL_LOCALE } from '../i18n/format'
import type { PageMessages } from '../i18n/pages'
import { leadDayLabel } from './card-fields'

export function leadDaysText(t: PageMessages, locale: Locale, days: number[]): string {
  // Mid-sentence, so English needs the lower-case form of the checkbox label.
  const items = days.map((n) => (n === 0 ? t.leadOnTheDayInList : leadDayLabel(t, n)))
  try {
    return new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' }).format(items)
  } catch {
    return items.join(', ')
  }
}

export function carrierName(t: PageMessages, carrier: Carrier | null): string | null {
  return carrier ? t[`carrier_${carrier}`] : null
}

/** The local calendar day of an instant, written the reader's way. */
export function instantDate(ms: number, timeZone: string, locale: Locale): string {
  return formatDate(localDate(ms, timeZone), locale)
}

/** A card's own name: its label, else its carrier's name, else null (the caller's generic word). */
export function cardOwnName(card: { label: string; carrier: Carrier | null }, locale: Locale): string | null {
  return card.label.trim() || carrierGuide(card.carrier)?.name[locale] || null
}

/** How a card is called on pages, as in its emails and calendar: its own name, else a plain "SIM card". */
export function cardTitle(t: PageMessages, card: { label: string; carrier: Carrier | null }, locale: Locale): string {
  return cardOwnName(card, locale) ?? t.untitledCard
}

// The calendar feed of one address: one all-day event per active card on its current expiry date.
import { type AllDayEvent, buildCalendar } from '../domain/ics'
import type { Locale } from '../domain/types'
import type { CalendarMessages } from '../i18n/calendar'
import { formatLongDate } from '../i18n/format'

export interface FeedCard {
  id: string
  /** the card's label, else its carrier's name, else null */
  name: string | null
  /** the current expiry (after any auto-renewal roll) */
  expiresOn: string
  leadDays: readonly number[]
  lastSafeDay: string
  /** the last safe day for bank/ATM/PPS top-ups is already past today */
  slowTooLate: boolean
  /** the card's slow channels as named in a sentence ("PPS or bank ATM"); null: its plan names none */
  slowChannels: string | null
  /** the plan renews itself from the balance: the event says what to keep on the card, with no "Renewed?" link */
  autoRenew: boolean
  /** the renewal fee as shown (HK$48), or null */
  fee: string | null
  /** "I've renewed" for a card renewed by hand; null for a plan that renews itself */
  renewedUrl: string | null
  updatedAt: number
}

export interface FeedProps {
  copy: CalendarMessages
  locale: Locale
  /** PUBLIC_URL's host: UIDs are `card-{id}@{host}` */
  host: string
  now: number
  /** local hour the alarms fire at (SEND_HOUR, like the emails) */
  alarmHour: number
  cards: readonly FeedCard[]
}

/** How often a subscribed calendar app should fetch the feed again. */
export const FEED_REFRESH_HOURS = 12

function event(p: FeedProps, card: FeedCard): AllDayEvent {
  const { copy } = p
  const channels = card.slowChannels
  const slow = !channels
    ? []
    : [
        card.slowTooLate
          ? copy.tooLateForSlow(channels)
          : copy.lastSafeDay(channels, formatLongDate(card.lastSafeDay, p.locale)),
      ]
  return {
    // Stable per card, whatever its expiry: a subscribed or re-imported calendar moves the event.
    uid: `card-${card.id}@${p.host}`,
    date: card.expiresOn,
    summary: (card.autoRenew ? copy.summaryRenews : copy.summary)(card.name ?? copy.card),
    description: [
      card.autoRenew ? copy.autoRenews(card.fee) : copy.expires,
      ...slow,
      ...(card.renewedUrl ? [copy.renewed(card.renewedUrl)] : []),
    ].join('\n'),
    ...(card.renewedUrl ? { url: card.renewedUrl } : {}),
    stamp: p.now,
    modified: card.updatedAt,
    alarms: card.leadDays.map((daysBefore) => ({ daysBefore, hour: p.alarmHour })),
  }
}

export function renderFeed(p: FeedProps): string {
  return buildCalendar(
    p.cards.map((card) => event(p, card)),
    { name: p.copy.calendarName, refreshHours: FEED_REFRESH_HOURS },
  )
}

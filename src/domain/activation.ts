// What a card stores when it is confirmed, edited or renewed, and the next reminder pages name.
import { nextOccurrence, planCard } from './schedule'
import type { CardSettings, Occurrence } from './types'

/**
 * What to store when a card is confirmed, edited or renewed at `now`: reminders due before now
 * are never sent, and the cron will next look at the card at `nextDueAt`.
 */
export function scheduleFields(
  card: CardSettings & { id: string; editedAt?: number | null },
  timeZone: string,
  sendHour: number,
  now: number,
): { activeFrom: number; nextDueAt: number | null; expiresOn: string } {
  const plan = planCard({ ...card, activeFrom: now, handledBefore: null }, timeZone, sendHour, now)
  // Something due exactly now is still owed: let the next run pick it up, from the expiry as given, so
  // that run plans it again (a "did it renew?" due now is planned only by the run that rolls E).
  if (plan.due.length) return { activeFrom: now, nextDueAt: now, expiresOn: card.expiresOn }
  return { activeFrom: now, nextDueAt: plan.nextDueAt, expiresOn: plan.expiresOn }
}

/** What a card (re)activated at `now` stores, and the next reminder for pages to name. */
interface CardSchedule {
  activeFrom: number
  nextDueAt: number | null
  /** the expiry after auto-renewal rolled a passed date forward */
  expiresOn: string
  /**
   * The next renewal reminder, expiry notice or follow-up: what pages call "your next reminder". The
   * monthly balance check is left out (pages name it on its own line), so a check on the 1st is never
   * announced as the reminder; it is also the first email that names the last safe day.
   */
  next: Occurrence | null
}

/** Reminders restart at `now`: nothing due before it is sent. */
export function planSchedule(
  card: CardSettings & { id: string; editedAt?: number | null },
  timeZone: string,
  sendHour: number,
  now: number,
): CardSchedule {
  const fields = scheduleFields(card, timeZone, sendHour, now)
  const next = nextOccurrence(
    { ...card, expiresOn: fields.expiresOn, activeFrom: now, balanceCheck: 'none' },
    timeZone,
    sendHour,
    now,
  )
  return { ...fields, next }
}

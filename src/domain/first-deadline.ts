// Whether a card confirmed now meets its last safe day for slow top-ups before its first reminder. Pure.
//
// Decisions:
// - Reminders due before confirmation are never sent (contract), so a card signed up a few days before
//   expiry can have its first reminder after the last safe day for PPS, bank and ATM top-ups: the
//   confirmed page then names that day itself, or says it has passed. "First reminder" means the first
//   renewal reminder or expiry notice: a monthly balance check does not name the day.
// - Nothing to say when the money is already due (expiry today or past: the page and the expiry-day
//   email cover that) or when a reminder comes on or before the last safe day (it names the day).
import { moneyNeededBy } from './renewal'
import type { CardSettings } from './types'
import { lastSafeDay } from './working-days'
import { localDate } from './zoned-time'

export interface SlowDeadline {
  /** YYYY-MM-DD: the last safe day for slow top-ups */
  date: string
  /** already past today: only the channels that credit at once will do */
  passed: boolean
}

export function slowDeadlineBeforeFirstReminder(
  card: Pick<CardSettings, 'expiresOn' | 'autoRenew'>,
  firstReminderAt: number | null,
  timeZone: string,
  now: number,
): SlowDeadline | null {
  const today = localDate(now, timeZone)
  const neededBy = moneyNeededBy(card)
  if (today >= neededBy) return null
  const date = lastSafeDay(neededBy)
  if (today > date) return { date, passed: true }
  if (firstReminderAt !== null && localDate(firstReminderAt, timeZone) <= date) return null
  return { date, passed: false }
}

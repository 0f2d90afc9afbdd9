// The monthly balance check (balance_check=monthly): on the 1st of each month at SEND_HOUR local.
import type { Occurrence } from './types'
import { localDate, zonedInstant } from './zoned-time'

function monthStart(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1))
  return d.toISOString().slice(0, 10)
}

function balanceOccurrence(card: { id: string }, firstOfMonth: string, timeZone: string, sendHour: number): Occurrence {
  return {
    key: `b:${card.id}:${firstOfMonth.slice(0, 7)}`,
    kind: 'balance',
    expiresOn: null,
    leadDay: null,
    dueAt: zonedInstant(firstOfMonth, sendHour, timeZone),
  }
}

/** The latest monthly balance check at or before `now`, and the first one after it. */
export function balanceAround(card: { id: string }, timeZone: string, sendHour: number, now: number) {
  const [y, m] = localDate(now, timeZone).split('-').map(Number) as [number, number]
  let latest = balanceOccurrence(card, monthStart(y, m), timeZone, sendHour)
  let next = balanceOccurrence(card, monthStart(y, m + 1), timeZone, sendHour)
  if (latest.dueAt > now) {
    next = latest
    latest = balanceOccurrence(card, monthStart(y, m - 1), timeZone, sendHour)
  }
  return { latest, next }
}

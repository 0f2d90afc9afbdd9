// Plans every active card of an address again from `now` (after resubscribing, a time zone change,
// or a confirmation that changed the address's settings): read through db/, plan in domain/, store.
import { activeCardsToPlan, storeSchedules } from '../db/due-cards'
import { scheduleFields } from '../domain/activation'

export async function restoreSchedule(db: D1Database, subscriberId: string, sendHour: number, now: number) {
  const found = await activeCardsToPlan(db, subscriberId)
  if (!found) return
  await storeSchedules(
    db,
    found.cards.map((card) => ({ id: card.id, ...scheduleFields(card, found.timezone, sendHour, now) })),
  )
}

// Pure scheduling rules: which reminders are due for a card at an instant, and when next.
// (Interface fixed; the scheduler issue implements the bodies.)
import type { CardSettings, OccurrenceKind } from './types'

export interface ScheduleInput extends CardSettings {
  id: string
  /** reminders whose due instant is before this are never sent (confirmation/renewal/edit time) */
  activeFrom: number | null
}

export interface Occurrence {
  /** UNIQUE occurrence key: r:{card}:{E}:{L}, x:{card}:{E}, b:{card}:{YYYY-MM} */
  key: string
  kind: OccurrenceKind
  /** the expiry the occurrence is about (null for balance checks) */
  expiresOn: string | null
  leadDay: number | null
  /** the UTC instant it became due */
  dueAt: number
}

export interface CardPlan {
  /** what is due now (at most one pre-expiry/expired occurrence, plus a balance check) */
  due: Occurrence[]
  /** the card's expiry after auto-renewal rolled it forward (same as input when not rolled) */
  expiresOn: string
  /** the next instant after `now` at which something will be due; null when nothing is */
  nextDueAt: number | null
}

export function planCard(card: ScheduleInput, timeZone: string, sendHour: number, now: number): CardPlan {
  void card
  void timeZone
  void sendHour
  void now
  throw new Error('planCard: not implemented yet')
}

/** The next occurrence at or after `after` (for "your next reminder" on pages), or null. */
export function nextOccurrence(
  card: ScheduleInput,
  timeZone: string,
  sendHour: number,
  after: number,
): Occurrence | null {
  void card
  void timeZone
  void sendHour
  void after
  throw new Error('nextOccurrence: not implemented yet')
}

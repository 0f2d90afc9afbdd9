// Pure scheduling rules: which reminders are due for a card at an instant, and when next.
//
// Decisions where the contract is silent:
// - With auto-renewal off, lead day 0 and the expired notice fall on the same instant (SEND_HOUR on
//   day E); the expired notice (x:) is sent instead of the day-0 reminder.
// - The follow-up (f:, SEND_HOUR on day E+1, auto-renewal off) goes out only if the card was neither
//   renewed nor edited after the expired notice was due (edited_at; a renewal also moves E, which drops
//   the whole series). A card confirmed after the notice gets the follow-up, not the notice.
// - An expiry "passes" at local midnight starting day E+1. With auto-renewal on (and a cycle), E then
//   rolls forward by cycle_days until it is in the future; reminders still outstanding for the old
//   expiry are dropped (they would talk about a date that is gone). The "did it renew?" email (a:) for
//   the expiry just passed is planned by a run that rolls the stored E; while it is still to come (E
//   passed at midnight, the question is due at SEND_HOUR) the old E stays stored, so the run that sends
//   it rolls E again. An edit or renewal in between restarts the schedule at that instant and so drops
//   it. After a long outage it still goes out, late, for the last expiry passed: it asks about today's
//   date.
// - With auto-renewal on but no cycle, E cannot roll: its reminders go out, then "did it renew?" on
//   E+1 (the new expiry is unknown, so the subscriber is asked for it), then nothing.
// - "Then nothing": a card that cannot roll (auto-renewal off, or on without a cycle) gets no
//   balance checks after its schedule ended (the expired notice, or E passing), until an edit.
// - A cycle shorter than a lead day puts a reminder for the next expiry before the current one has
//   passed; it goes out when the expiry rolls (at local midnight after E), late rather than never.
// - Catch-up: of the overdue pre-expiry/expired/follow-up occurrences only the latest (most urgent) is
//   due; the others are returned as `skipped` and never sent. A balance check missed for several months
//   is sent once, for the latest month.

import { balanceAround } from './balance-schedule'
import type { CardSettings, Occurrence } from './types'
import { addDays, zonedInstant } from './zoned-time'

export interface ScheduleInput extends CardSettings {
  id: string
  /** reminders whose due instant is before this are never sent (confirmation/renewal/edit time) */
  activeFrom: number | null
  /** the last renewal or settings edit (not confirmation or resubscription): after the expired notice, no follow-up */
  editedAt?: number | null
  /**
   * The card's stored next_due_at: occurrences of the stored expiry due before it were already
   * handled by earlier runs (sent or skipped). Optional; without it those are re-planned and the
   * UNIQUE occurrence key drops them.
   */
  handledBefore?: number | null
}

interface CardPlan {
  /** what is due now (at most one pre-expiry/expired occurrence, plus a balance check) */
  due: Occurrence[]
  /** the card's expiry after auto-renewal rolled it forward (same as input when not rolled) */
  expiresOn: string
  /** the next instant after `now` at which something will be due; null when nothing is */
  nextDueAt: number | null
  /** overdue occurrences passed over because a more urgent one is due (never sent) */
  skipped: Occurrence[]
}

const NEVER = Number.NEGATIVE_INFINITY

function canRoll(card: CardSettings): card is CardSettings & { cycleDays: number } {
  return card.autoRenew && typeof card.cycleDays === 'number' && card.cycleDays > 0
}

/** The instant expiry E has passed: local midnight at the start of day E+1. */
function expiryPassesAt(expiresOn: string, timeZone: string): number {
  return zonedInstant(addDays(expiresOn, 1), 0, timeZone)
}

/** Rolls E forward by the cycle while it has passed at `now` (auto-renewal on). */
export function rolledExpiry(card: CardSettings, timeZone: string, now: number): string {
  let e = card.expiresOn
  if (!canRoll(card)) return e
  while (expiryPassesAt(e, timeZone) <= now) e = addDays(e, card.cycleDays)
  return e
}

/** SEND_HOUR on day E+1: when the follow-up and "did it renew?" for expiry E are due. */
function dayAfter(expiresOn: string, timeZone: string, sendHour: number): number {
  return zonedInstant(addDays(expiresOn, 1), sendHour, timeZone)
}

function renewCheck(card: ScheduleInput, expiresOn: string, timeZone: string, sendHour: number): Occurrence {
  return {
    key: `a:${card.id}:${expiresOn}`,
    kind: 'renew_check',
    expiresOn,
    leadDay: null,
    dueAt: dayAfter(expiresOn, timeZone, sendHour),
  }
}

/**
 * The occurrences about expiry E, earliest first: the pre-expiry reminders, then with auto-renewal off
 * the expired notice and its follow-up, or with auto-renewal on but no cycle "did it renew?" (with a
 * cycle that one belongs to the next expiry's series: E has rolled by the time it is due).
 */
function expirySeries(card: ScheduleInput, expiresOn: string, timeZone: string, sendHour: number): Occurrence[] {
  const out: Occurrence[] = []
  for (const lead of new Set(card.leadDays)) {
    if (lead === 0 && !card.autoRenew) continue
    out.push({
      key: `r:${card.id}:${expiresOn}:${lead}`,
      kind: 'reminder',
      expiresOn,
      leadDay: lead,
      dueAt: zonedInstant(addDays(expiresOn, -lead), sendHour, timeZone),
    })
  }
  if (!card.autoRenew) {
    const noticeAt = zonedInstant(expiresOn, sendHour, timeZone)
    out.push({ key: `x:${card.id}:${expiresOn}`, kind: 'expired', expiresOn, leadDay: null, dueAt: noticeAt })
    // Renewed or edited after the notice: the subscriber has acted, so no follow-up. Confirmed after
    // it is not acting on it: the notice is not sent (it came before), the follow-up is.
    if ((card.editedAt ?? NEVER) <= noticeAt) {
      out.push({
        key: `f:${card.id}:${expiresOn}`,
        kind: 'followup',
        expiresOn,
        leadDay: null,
        dueAt: dayAfter(expiresOn, timeZone, sendHour),
      })
    }
  } else if (!canRoll(card)) {
    out.push(renewCheck(card, expiresOn, timeZone, sendHour))
  }
  return out.sort((a, b) => a.dueAt - b.dueAt)
}

/**
 * "Did it renew?" for the expiry a rolling card just passed (E − cycle): owed only by a run that rolls
 * the stored expiry. The stored expiry says which expiries the card really had; next_due_at cannot (a
 * balance check on the 1st can fall on the same instant as the question for a date the card never had).
 */
function previousRenewCheck(
  card: ScheduleInput,
  expiresOn: string,
  timeZone: string,
  sendHour: number,
  rolled: boolean,
): Occurrence[] {
  if (!canRoll(card) || !rolled) return []
  return [renewCheck(card, addDays(expiresOn, -card.cycleDays), timeZone, sendHour)]
}

/** When a card that cannot roll has nothing more to say: null while it keeps rolling. */
function scheduleEndsAt(card: CardSettings, expiresOn: string, timeZone: string, sendHour: number): number | null {
  if (canRoll(card)) return null
  return card.autoRenew ? expiryPassesAt(expiresOn, timeZone) : zonedInstant(expiresOn, sendHour, timeZone)
}

export function planCard(card: ScheduleInput, timeZone: string, sendHour: number, now: number): CardPlan {
  const activeFrom = card.activeFrom ?? NEVER
  const handled = card.handledBefore ?? NEVER
  const expiresOn = rolledExpiry(card, timeZone, now)
  const rolled = expiresOn !== card.expiresOn
  // After a roll nothing of the new expiry's series was handled yet.
  const lower = Math.max(activeFrom, rolled ? NEVER : handled)
  const series = [
    ...previousRenewCheck(card, expiresOn, timeZone, sendHour, rolled),
    ...expirySeries(card, expiresOn, timeZone, sendHour),
  ]
    .filter((o) => o.dueAt >= lower)
    .sort((a, b) => a.dueAt - b.dueAt)
  const past = series.filter((o) => o.dueAt <= now)
  const future = series.filter((o) => o.dueAt > now)
  const due = past.length ? [past[past.length - 1] as Occurrence] : []
  const skipped = past.slice(0, -1)
  const candidates: number[] = []
  if (future[0]) candidates.push(future[0].dueAt)
  if (canRoll(card)) candidates.push(expiryPassesAt(expiresOn, timeZone))
  if (card.balanceCheck === 'monthly') {
    const endsAt = scheduleEndsAt(card, expiresOn, timeZone, sendHour) ?? Number.POSITIVE_INFINITY
    const { latest, next } = balanceAround(card, timeZone, sendHour, now)
    if (latest.dueAt >= Math.max(activeFrom, handled) && latest.dueAt <= endsAt) due.push(latest)
    if (next.dueAt <= endsAt) candidates.push(next.dueAt)
  }
  // A "did it renew?" still to come keeps the old expiry stored, so the run that sends it rolls E too.
  const pendingCheck = future.some((o) => o.kind === 'renew_check' && o.expiresOn !== expiresOn)
  return {
    due,
    expiresOn: pendingCheck ? card.expiresOn : expiresOn,
    nextDueAt: candidates.length ? Math.min(...candidates) : null,
    skipped,
  }
}

/** The next occurrence at or after `after` (for "your next reminder" on pages), or null. */
export function nextOccurrence(
  card: ScheduleInput,
  timeZone: string,
  sendHour: number,
  after: number,
): Occurrence | null {
  const from = Math.max(after, card.activeFrom ?? NEVER)
  const found: Occurrence[] = []
  let e = rolledExpiry(card, timeZone, after)
  // A short cycle can leave an expiry with nothing left; look a few cycles ahead.
  for (let k = 0; k < 4; k++) {
    const hit = expirySeries(card, e, timeZone, sendHour).find((o) => o.dueAt >= from)
    if (hit) {
      found.push(hit)
      break
    }
    if (!canRoll(card)) break
    e = addDays(e, card.cycleDays)
  }
  if (card.balanceCheck === 'monthly') {
    const endsAt = scheduleEndsAt(card, e, timeZone, sendHour) ?? Number.POSITIVE_INFINITY
    const { latest, next } = balanceAround(card, timeZone, sendHour, from)
    const check = latest.dueAt >= from ? latest : next
    if (check.dueAt <= endsAt) found.push(check)
  }
  found.sort((a, b) => a.dueAt - b.dueAt)
  return found[0] ?? null
}

/** Plans a card the cron found due, its stored next_due_at marking what earlier runs handled. */
export function planDueCard(
  card: CardSettings & { id: string; activeFrom: number | null; nextDueAt: number },
  timeZone: string,
  sendHour: number,
  now: number,
): CardPlan {
  return planCard({ ...card, handledBefore: card.nextDueAt }, timeZone, sendHour, now)
}

// Queries behind the cron's planning step: cards whose next_due_at has come, advancing them, and
// reading and storing schedules when a subscription changes (domain/schedule.ts plans them).
import type { Card, CardSettings, Locale, Occurrence, SubscriberStatus } from '../domain/types'
import { type CardRow, type CardSettingsRow, cardFromRow, settingsFromRow } from './card-row'
import { PURGE_CHUNK, purgeSettledStatements, settledPurged } from './retention'

interface DueCardRow extends CardRow {
  next_due_at: number
  s_status: SubscriberStatus
  s_suppressed_at: number | null
  s_timezone: string
  s_locale: Locale
  s_email: string
}

export interface DueCard {
  card: Card & { nextDueAt: number }
  subscriber: {
    id: string
    email: string
    status: SubscriberStatus
    suppressedAt: number | null
    timezone: string
    locale: Locale
  }
}

function toDueCard(r: DueCardRow): DueCard {
  return {
    card: { ...cardFromRow(r), nextDueAt: r.next_due_at },
    subscriber: {
      id: r.subscriber_id,
      email: r.s_email,
      status: r.s_status,
      suppressedAt: r.s_suppressed_at,
      timezone: r.s_timezone,
      locale: r.s_locale,
    },
  }
}

/** Where a walk through the due cards stands: the last card read, by (next_due_at, rowid). */
export interface DueCursor {
  dueAt: number
  rowid: number
}

/** Before the first due card. */
export const DUE_START: DueCursor = { dueAt: Number.MIN_SAFE_INTEGER, rowid: 0 }

const DUE_COLUMNS = `c.rowid AS rid, c.id, c.subscriber_id, c.status, c.label, c.carrier, c.expires_on, c.cycle_days,
  c.lead_days, c.auto_renew, c.renewal_fee_cents, c.balance_check, c.active_from, c.next_due_at, c.edited_at, c.created_at,
  c.updated_at,
  s.status AS s_status, s.suppressed_at AS s_suppressed_at, s.timezone AS s_timezone, s.locale AS s_locale,
  s.email AS s_email
  FROM cards c INDEXED BY idx_cards_next_due JOIN subscribers s ON s.id = c.subscriber_id`

/**
 * Up to `limit` cards with next_due_at <= now after `after`, in (next_due_at, rowid) order: a keyset
 * page over idx_cards_next_due (whose entries are exactly that pair), so D1 reads about as many rows as
 * it returns (plus one subscriber row each), however many cards are not due or were read before.
 * Past the start, two ranges, because most cards due at 09:00 in UTC+8 share one next_due_at: the rest
 * of the cursor's instant, then (only if that left room: one more D1 call, about once per walk) the
 * later instants. One UNION ALL of both read a row more per card, sorting the page in a temporary b-tree.
 */
export async function selectDueCards(
  db: D1Database,
  now: number,
  limit: number,
  after: DueCursor = DUE_START,
): Promise<Array<DueCard & { cursor: DueCursor }>> {
  const read = async (where: string, order: string, n: number) => {
    const { results } = await db
      .prepare(`SELECT ${DUE_COLUMNS} WHERE ${where} ORDER BY ${order} LIMIT ?4`)
      .bind(now, after.dueAt, after.rowid, n)
      .all<DueCardRow & { rid: number }>()
    return results.map((r) => ({ ...toDueCard(r), cursor: { dueAt: r.next_due_at, rowid: r.rid } }))
  }
  const later = (n: number) => read('c.next_due_at > ?2 AND c.next_due_at <= ?1', 'c.next_due_at, c.rowid', n)
  // From the start, one range is enough (and reads one index entry less when nothing is due).
  if (after === DUE_START) return read('c.next_due_at <= ?1', 'c.next_due_at, c.rowid', limit)
  const same = after.dueAt <= now ? await read('c.next_due_at = ?2 AND c.rowid > ?3', 'c.rowid', limit) : []
  return same.length < limit ? [...same, ...(await later(limit - same.length))] : same
}

/**
 * Queues one occurrence, only while the card is still as the planner saw it (same next_due_at
 * and expiry); the UNIQUE occurrence key makes a repeat a no-op. With `afterAdvance`, put it right
 * after the card's advanceCardStatement in the same batch: it applies only if that advance did (whose
 * WHERE is the same check), which reads no row where the look at the card reads one. Only for a card's
 * one occurrence: a second one would see the first's changes() (0 when it was a repeat) instead.
 */
export function queueDeliveryStatement(
  db: D1Database,
  args: {
    id: string
    occurrence: Occurrence
    card: DueCard['card']
    now: number
    /** stored already claimed by this run (it renders what it plans), or claimable by any run */
    claim?: { id: string; until: number }
    afterAdvance?: boolean
  },
): D1PreparedStatement {
  const { occurrence: o, card } = args
  const guard = args.afterAdvance
    ? 'changes() > 0'
    : 'EXISTS (SELECT 1 FROM cards WHERE id = ?4 AND next_due_at = ?10 AND expires_on = ?11)'
  return db
    .prepare(
      `INSERT OR IGNORE INTO deliveries (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day,
         due_at, status, created_at, claim_id, claim_until)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, ?12, ?13
       WHERE ${guard}`,
    )
    .bind(
      args.id,
      o.key,
      card.subscriberId,
      card.id,
      o.kind,
      o.expiresOn,
      o.leadDay,
      o.dueAt,
      args.now,
      card.nextDueAt,
      card.expiresOn,
      args.claim?.id ?? null,
      args.claim?.until ?? null,
    )
}

/** Moves the card to its next due instant (and rolled expiry), unless it changed meanwhile. */
export function advanceCardStatement(
  db: D1Database,
  card: DueCard['card'],
  next: { nextDueAt: number | null; expiresOn: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE cards SET next_due_at = ?2, expires_on = ?3
       WHERE id = ?1 AND next_due_at = ?4 AND expires_on = ?5`,
    )
    .bind(card.id, next.nextDueAt, next.expiresOn, card.nextDueAt, card.expiresOn)
}

/** Stops a card that can get no mail (pending card, or address not subscribed) from being read again. */
export function unscheduleCardStatement(db: D1Database, card: DueCard['card']): D1PreparedStatement {
  return db
    .prepare('UPDATE cards SET next_due_at = NULL WHERE id = ?1 AND next_due_at = ?2')
    .bind(card.id, card.nextDueAt)
}

/** A card the planner could not handle (e.g. a bad timezone) is looked at again a day later. */
export function postponeCardStatement(db: D1Database, card: DueCard['card'], until: number): D1PreparedStatement {
  return db
    .prepare('UPDATE cards SET next_due_at = ?2 WHERE id = ?1 AND next_due_at = ?3')
    .bind(card.id, until, card.nextDueAt)
}

/** After unsubscribe or suppression: nothing of this address is read by the cron any more. */
export async function clearSchedule(db: D1Database, subscriberId: string): Promise<void> {
  await db.batch([
    db.prepare('UPDATE cards SET next_due_at = NULL WHERE subscriber_id = ?1').bind(subscriberId),
    db
      .prepare("UPDATE deliveries SET status = 'cancelled' WHERE subscriber_id = ?1 AND status = 'queued'")
      .bind(subscriberId),
  ])
}

/** The address's time zone and its active cards' settings, to plan their schedules again. */
export async function activeCardsToPlan(
  db: D1Database,
  subscriberId: string,
): Promise<{ timezone: string; cards: Array<CardSettings & { id: string; editedAt: number | null }> } | null> {
  const sub = await db
    .prepare('SELECT timezone FROM subscribers WHERE id = ?1')
    .bind(subscriberId)
    .first<{ timezone: string }>()
  if (!sub) return null
  const { results } = await db
    .prepare(
      `SELECT id, label, carrier, expires_on, cycle_days, lead_days, auto_renew, renewal_fee_cents, balance_check,
         edited_at
       FROM cards WHERE subscriber_id = ?1 AND status = 'active'`,
    )
    .bind(subscriberId)
    .all<CardSettingsRow & { id: string; edited_at: number | null }>()
  // A resubscription or time zone change is no edit: the card keeps its edited_at.
  const cards = results.map((r) => ({ id: r.id, ...settingsFromRow(r), editedAt: r.edited_at }))
  return { timezone: sub.timezone, cards }
}

/** Stores freshly planned schedules, one UPDATE per card in one batch. */
export async function storeSchedules(
  db: D1Database,
  schedules: Array<{ id: string; activeFrom: number; nextDueAt: number | null; expiresOn: string }>,
): Promise<void> {
  if (schedules.length === 0) return
  await db.batch(
    schedules.map((f) =>
      db
        .prepare('UPDATE cards SET active_from = ?2, next_due_at = ?3, expires_on = ?4 WHERE id = ?1')
        .bind(f.id, f.activeFrom, f.nextDueAt, f.expiresOn),
    ),
  )
}

/**
 * Pending cards (never confirmed) older than `before`, then pending addresses left with no card; webhook
 * ids older than `doneBefore`; and, in the same D1 call, the first chunk of settled rows older than
 * `doneBefore` (src/db/retention.ts) and whatever `also` asks (its result comes back as `also`); local
 * dev mailbox copies older than `devMailboxBefore`.
 */
export async function purgePending(
  db: D1Database,
  before: number,
  doneBefore: number = before,
  settledChunk: number = PURGE_CHUNK,
  also?: D1PreparedStatement,
  devMailboxBefore: number = doneBefore,
): Promise<{
  cards: number
  subscribers: number
  settled: { deliveries: number; emails: number }
  also: D1Result | null
}> {
  const settledStatements = purgeSettledStatements(db, doneBefore, settledChunk)
  const results = await db.batch([
    db.prepare("DELETE FROM cards WHERE status = 'pending' AND created_at < ?1").bind(before),
    db
      .prepare(
        `DELETE FROM subscribers WHERE status = 'pending' AND created_at < ?1
           AND NOT EXISTS (SELECT 1 FROM cards WHERE cards.subscriber_id = subscribers.id)`,
      )
      .bind(before),
    db.prepare('DELETE FROM webhook_events WHERE received_at < ?1').bind(doneBefore),
    // The local dev mailbox keeps copies of sent mail: gone after the same 30 days as the outbox, by
    // the caller's clock for it (run.ts: the wall clock, since a developer fires the cron ahead).
    db.prepare('DELETE FROM dev_mailbox WHERE created_at < ?1').bind(devMailboxBefore),
    // Rate-limit windows are at most a day long.
    db.prepare('DELETE FROM rate_limits WHERE window_start < ?1').bind(before),
    ...settledStatements,
    ...(also ? [also] : []),
  ])
  const [cards, subs] = results
  return {
    cards: cards?.meta.changes ?? 0,
    subscribers: subs?.meta.changes ?? 0,
    settled: settledPurged(results.slice(5, 5 + settledStatements.length)),
    also: also ? (results.at(-1) ?? null) : null,
  }
}

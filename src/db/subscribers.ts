// Queries on the subscribers table (one row per email address).
import type { Locale, Subscriber, SubscriberStatus } from '../domain/types'
import { withdrawUnsentRemindersStatements } from './outbox-withdraw'

interface SubscriberRow {
  id: string
  email: string
  locale: Locale
  timezone: string
  status: SubscriberStatus
  created_at: number
  confirmed_at: number | null
  unsubscribed_at: number | null
  suppressed_at: number | null
  suppressed_reason: string | null
}

function toSubscriber(r: SubscriberRow): Subscriber {
  return {
    id: r.id,
    email: r.email,
    locale: r.locale,
    timezone: r.timezone,
    status: r.status,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
    suppressedAt: r.suppressed_at,
    suppressedReason: r.suppressed_reason,
  }
}

export async function getSubscriber(db: D1Database, id: string): Promise<Subscriber | null> {
  const row = await db.prepare('SELECT * FROM subscribers WHERE id = ?1').bind(id).first<SubscriberRow>()
  return row ? toSubscriber(row) : null
}

export async function findSubscriberByEmail(db: D1Database, email: string): Promise<Subscriber | null> {
  const row = await db.prepare('SELECT * FROM subscribers WHERE email = ?1').bind(email).first<SubscriberRow>()
  return row ? toSubscriber(row) : null
}

/**
 * Returns the row for this address, creating a pending one if there is none: one statement, atomic
 * under races. The no-op update on conflict is what lets RETURNING give back an existing row (it
 * writes the same email over itself; nothing else changes). As a statement, for a caller's batch.
 */
export function findOrCreateSubscriberStatement(
  db: D1Database,
  args: { id: string; email: string; locale: Locale; timezone: string; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subscribers (id, email, locale, timezone, status, created_at)
       VALUES (?1, ?2, ?3, ?4, 'pending', ?5)
       ON CONFLICT (email) DO UPDATE SET email = excluded.email
       RETURNING *`,
    )
    .bind(args.id, args.email, args.locale, args.timezone, args.now)
}

/** The subscriber that findOrCreateSubscriberStatement returned in a batch. */
export function subscriberFromResult(result: D1Result | undefined): Subscriber {
  const row = result?.results[0] as SubscriberRow | undefined
  if (!row) throw new Error('subscriber row missing after insert')
  return toSubscriber(row)
}

/** Confirmation: the address is now subscribed, in the language and timezone last chosen. */
export function activateSubscriberStatement(
  db: D1Database,
  id: string,
  args: { locale: Locale; timezone: string; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE subscribers
       SET status = 'active', locale = ?2, timezone = ?3, confirmed_at = COALESCE(confirmed_at, ?4),
           unsubscribed_at = NULL
       WHERE id = ?1`,
    )
    .bind(id, args.locale, args.timezone, args.now)
}

/** Idempotent: the first unsubscribe time is kept. */
export async function unsubscribe(db: D1Database, id: string, now: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = COALESCE(unsubscribed_at, ?2)
         WHERE id = ?1`,
      )
      .bind(id, now),
    ...withdrawUnsentRemindersStatements(db, '?1', id, now, 'unsubscribed'),
  ])
}

/** Back on from the manage page (the link proves the address). Only a previously confirmed address. */
export async function resubscribe(db: D1Database, id: string): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE subscribers SET status = 'active', unsubscribed_at = NULL
       WHERE id = ?1 AND status = 'unsubscribed' AND confirmed_at IS NOT NULL AND suppressed_at IS NULL`,
    )
    .bind(id)
    .run()
  return (res.meta.changes ?? 0) > 0
}

/** Clears a bounce or complaint stop; a block by the mail provider ('suppressed') stays. */
export async function liftSuppression(db: D1Database, id: string): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE subscribers SET suppressed_at = NULL, suppressed_reason = NULL
       WHERE id = ?1 AND suppressed_at IS NOT NULL AND suppressed_reason IN ('bounced', 'complained')`,
    )
    .bind(id)
    .run()
  return (res.meta.changes ?? 0) > 0
}

export async function updatePreferences(
  db: D1Database,
  id: string,
  args: { locale: Locale; timezone: string },
): Promise<void> {
  await db
    .prepare('UPDATE subscribers SET locale = ?2, timezone = ?3 WHERE id = ?1')
    .bind(id, args.locale, args.timezone)
    .run()
}

/**
 * Hard delete: cards, deliveries and outbox rows go with it (ON DELETE CASCADE), and the local dev
 * mailbox's copies of mail to the address (they hold its cards and working links).
 */
export async function deleteSubscriber(db: D1Database, id: string): Promise<void> {
  // Children first as well, so the delete is complete even where foreign keys are not enforced.
  await db.batch([
    db
      .prepare('DELETE FROM dev_mailbox WHERE to_email = (SELECT email FROM subscribers WHERE id = ?1) COLLATE NOCASE')
      .bind(id),
    db.prepare('DELETE FROM deliveries WHERE subscriber_id = ?1').bind(id),
    db.prepare('DELETE FROM outbox WHERE subscriber_id = ?1').bind(id),
    db.prepare('DELETE FROM cards WHERE subscriber_id = ?1').bind(id),
    db.prepare('DELETE FROM subscribers WHERE id = ?1').bind(id),
  ])
}

// Outbox queries: stored emails, their leases, and what became of each send.
import type { OutgoingMessage } from '../domain/types'

export type OutboxKind = 'confirm' | 'manage_link' | 'reminder'
/** Emails a person asked for on our pages (not reminders); they share one hourly cap per address. */
export type TransactionalKind = Exclude<OutboxKind, 'reminder'>
export type OutboxStatus = 'pending' | 'sent' | 'failed'

export interface OutboxEmail {
  id: string
  subscriberId: string | null
  kind: OutboxKind
  batchKey: string
  toEmail: string
  message: OutgoingMessage
  status: OutboxStatus
  attempts: number
  nextAttemptAt: number
  leaseId: string | null
  leaseUntil: number | null
  providerId: string | null
  lastError: string | null
  createdAt: number
  sentAt: number | null
}

/** A body as stored: JSON text, or a reminder's deflated JSON (packMessage), which D1 returns as bytes. */
export type StoredMessage = string | ArrayBuffer | number[]

/** Added to `RETURNING *`: the row's waiting body. */
export const BODY = '(SELECT message FROM outbox_bodies WHERE outbox_id = outbox.id) AS body'

export interface OutboxRow {
  id: string
  subscriber_id: string | null
  kind: OutboxKind
  batch_key: string
  to_email: string
  /** '' since migration 0006 (the body waits in outbox_bodies); a row stored before keeps its JSON here */
  message: StoredMessage
  /** the body from outbox_bodies, where a statement returns it (RETURNING *, BODY) */
  body?: StoredMessage | null
  status: OutboxStatus
  attempts: number
  next_attempt_at: number
  lease_id: string | null
  lease_until: number | null
  provider_id: string | null
  last_error: string | null
  created_at: number
  sent_at: number | null
}

/**
 * A reminder's body as stored: its JSON, deflated (a BLOB ~4× smaller than the text). A cron run renders
 * its whole page of reminders before sending any, so the bodies waiting at once set how far the D1 file
 * grows (the pages they free when sent are reused, but the file never shrinks): the smaller they are,
 * the smaller the file. Inflating gives back the exact JSON, so a retried batch is the same request.
 */
export async function packMessage(message: OutgoingMessage): Promise<ArrayBuffer> {
  const stream = new Blob([JSON.stringify(message)]).stream().pipeThrough(new CompressionStream('deflate-raw'))
  return new Response(stream).arrayBuffer()
}

/** A stored body's message. */
export async function unpackMessage(stored: StoredMessage): Promise<OutgoingMessage> {
  if (typeof stored === 'string') return JSON.parse(stored) as OutgoingMessage
  const bytes = stored instanceof ArrayBuffer ? new Uint8Array(stored) : Uint8Array.from(stored)
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  return JSON.parse(await new Response(stream).text()) as OutgoingMessage
}

export async function toOutboxEmail(r: OutboxRow): Promise<OutboxEmail> {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    kind: r.kind,
    batchKey: r.batch_key,
    toEmail: r.to_email,
    message: await unpackMessage(r.body ?? r.message),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseId: r.lease_id,
    leaseUntil: r.lease_until,
    providerId: r.provider_id,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }
}

export interface NewOutboxEmail {
  id: string
  subscriberId: string | null
  kind: OutboxKind
  batchKey: string
  message: OutgoingMessage
  /** the stored form of `message` when packed (packMessage); without it, its JSON text */
  packed?: ArrayBuffer
  now: number
}

/** ?1–?8 of the inserts below (the body goes to outbox_bodies: bodyStatement). */
export function newRowValues(row: NewOutboxEmail) {
  const { message } = row
  return [row.id, row.subscriberId, row.kind, row.batchKey, message.to, '', row.now, message.subject]
}

/**
 * Stores the body of `row` if the statement just before it in the same batch stored the row (it may not):
 * changes() is that insert's count, so this reads no row, where a look at the outbox row read one.
 */
export function bodyStatement(db: D1Database, row: NewOutboxEmail): D1PreparedStatement {
  return db
    .prepare('INSERT INTO outbox_bodies (outbox_id, message) SELECT ?1, ?2 WHERE changes() > 0')
    .bind(row.id, row.packed ?? JSON.stringify(row.message))
}

/**
 * Deletes the body of email `id` if the statement just before this one in the batch changed a row (put it
 * right after the statement marking that email sent or failed): a settled email is never sent again, and
 * the pages its body frees hold the next ones. When the mark did not apply (another run took the lease
 * over), changes() is 0 and the body stays for whoever holds the row. One row read, where a check of the
 * row's status reads two.
 */
export function dropBodyIfSettledStatement(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare('DELETE FROM outbox_bodies WHERE outbox_id = ?1 AND changes() > 0').bind(id)
}

/** Stores a pending email: its row, then its body (one D1 batch). */
export function insertOutbox(db: D1Database, row: NewOutboxEmail): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
         created_at, subject)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7, ?8)`,
      )
      .bind(...newRowValues(row)),
    bodyStatement(db, row),
  ]
}

/** How many transactional emails this subscriber was given since `since`, sent or still pending. */
export async function countTransactionalSince(db: D1Database, subscriberId: string, since: number): Promise<number> {
  const row = await db
    .prepare(
      "SELECT count(*) AS n FROM outbox WHERE subscriber_id = ?1 AND kind IN ('confirm', 'manage_link') AND created_at >= ?2",
    )
    .bind(subscriberId, since)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/** Caps on confirmation-kind emails (confirmations and manage links) to one mailbox. */
export interface MailboxCaps {
  /** keyed hash of the normalised mailbox (see security/rate-limit.ts) */
  key: string
  perHour: number
  hourSince: number
  perDay: number
  daySince: number
}

/**
 * Stores a confirmation-kind email, already leased to the caller (who sends it next), only while its
 * mailbox is under both caps. Counting and inserting in one statement keeps concurrent sign-ups from
 * slipping past the cap; stored emails count, sent or not, since each will be sent. The first statement
 * stores the row (0 changes: a cap was reached), the second its body.
 */
export function insertUnderMailboxCaps(
  db: D1Database,
  row: NewOutboxEmail,
  caps: MailboxCaps,
  lease: { id: string; until: number },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
         created_at, subject, mailbox_key, lease_id, lease_until)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7, ?8, ?9, ?10, ?11
       WHERE (SELECT count(*) FROM outbox WHERE mailbox_key = ?9 AND created_at >= ?12) < ?13
         AND (SELECT count(*) FROM outbox WHERE mailbox_key = ?9 AND created_at >= ?14) < ?15`,
      )
      .bind(
        ...newRowValues(row),
        caps.key,
        lease.id,
        lease.until,
        caps.hourSince,
        caps.perHour,
        caps.daySince,
        caps.perDay,
      ),
    bodyStatement(db, row),
  ]
}

/**
 * The lease_id of a reminder stored already held by the run that stored it (insertOutboxIfClaimed), for
 * that run to send it without leasing it again: `held:` and the run's lease. Other runs treat it as any
 * lease (taken until lease_until), but it does not yet mean "being sent": the run starts sending a batch
 * by moving one of its rows to its plain lease id (startHeldBatches), and a withdrawal releases a batch
 * that is only held, so that start fails and the run leases the batch again, row by row.
 */
export const HELD_PREFIX = 'held:'

export function heldLeaseId(leaseId: string): string {
  return `${HELD_PREFIX}${leaseId}`
}

/**
 * Leases these pending rows (by primary key through one json_each list), whatever their next attempt
 * time, unless another run holds them. With `heldId` (a queue message's hold, for emails earlier attempts
 * of that message stored), rows still only held under it by an attempt that died before starting them
 * are taken too, without waiting out that lease; but a batch an attempt started (a row under a live plain
 * lease: it may be at Resend now) is left whole to that lease and, once it lapses, to the cron, whose retry
 * carries the same Idempotency-Key.
 */
export async function leaseOutboxByIds(
  db: D1Database,
  ids: string[],
  leaseId: string,
  leaseUntil: number,
  now: number,
  heldId: string | null = null,
): Promise<OutboxEmail[]> {
  if (ids.length === 0) return []
  const heldTakeover =
    heldId === null
      ? ''
      : `OR (lease_id = ?5 AND batch_key NOT IN (
           SELECT batch_key FROM outbox WHERE id IN (SELECT value FROM json_each(?3))
             AND lease_until > ?4 AND lease_id NOT LIKE '${HELD_PREFIX}%'))`
  const statement = db.prepare(
    `UPDATE outbox SET lease_id = ?1, lease_until = ?2
     WHERE id IN (SELECT value FROM json_each(?3)) AND status = 'pending'
       AND (lease_until IS NULL OR lease_until <= ?4 ${heldTakeover})
     RETURNING *, ${BODY}`,
  )
  const args = [leaseId, leaseUntil, JSON.stringify(ids), now]
  const { results } = await (heldId === null
    ? statement.bind(...args)
    : statement.bind(...args, heldId)
  ).all<OutboxRow>()
  return Promise.all(results.map(toOutboxEmail))
}

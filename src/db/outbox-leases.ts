// Leasing due outbox emails for the cron's send stage: whole batches, either just stored by this run or
// left due by earlier ones.
import { BODY, type OutboxEmail, type OutboxRow, toOutboxEmail } from './outbox'
import { releaseOutbox } from './outbox-results'

/**
 * Leases whole due batches (every pending row of a batch key) not held by another run, oldest first, in
 * one statement (two runs never lease one row). Keys come from the first `maxBatches` × 100 due rows of
 * idx_outbox_pending, rows through idx_outbox_batch: a lease reads what it leases, not all pending.
 * `dueBy`: only emails due by then (with SEND_QUEUE, earlier than now by the consumer's grace); a lease
 * counts as lapsed by `now` either way.
 */
export async function leaseDueBatches(
  db: D1Database,
  leaseId: string,
  leaseUntil: number,
  now: number,
  maxBatches: number,
  dueBy = now,
): Promise<OutboxEmail[]> {
  const { results } = await db
    .prepare(
      `UPDATE outbox INDEXED BY idx_outbox_batch SET lease_id = ?1, lease_until = ?2
       WHERE batch_key IN (
           SELECT batch_key FROM (
             SELECT batch_key, next_attempt_at FROM outbox INDEXED BY idx_outbox_pending
             WHERE status = 'pending' AND next_attempt_at <= ?5 AND (lease_until IS NULL OR lease_until <= ?3)
             ORDER BY next_attempt_at LIMIT ?4 * 100)
           GROUP BY batch_key ORDER BY min(next_attempt_at), batch_key LIMIT ?4)
         AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?3)
       RETURNING *, ${BODY}`,
    )
    .bind(leaseId, leaseUntil, now, maxBatches, dueBy)
    .all<OutboxRow>()
  return Promise.all(results.map(toOutboxEmail))
}

/**
 * The lease of stored rows matched by `idMatch` (over ?1): ?2 the lease id, ?3 until when, ?4 now, ?5 the
 * held lease id the caller stored them under (or null). A row is taken only while pending, due and not
 * held by a live lease of another run.
 */
function leaseStoredSql(idMatch: string): string {
  return `UPDATE outbox SET lease_id = ?2, lease_until = ?3
    WHERE ${idMatch} AND status = 'pending' AND next_attempt_at <= ?4
      AND (lease_until IS NULL OR lease_until <= ?4 OR lease_id = ?5)`
}

/**
 * Leases emails this run (or this queue message) has just stored, their bodies still in memory, by
 * primary key: one row read each, in one D1 call. (One statement over a json_each list of the ids read
 * six per email on the Queues path.) Rows this run stored held (`heldId`) are taken over whatever their
 * lease has left. A batch goes only whole, so the rows of a batch another run took part of meanwhile are
 * released again. Returns the leased rows.
 */
export async function leaseStoredBatches(
  db: D1Database,
  rows: OutboxEmail[],
  leaseId: string,
  leaseUntil: number,
  now: number,
  heldId: string | null = null,
): Promise<OutboxEmail[]> {
  if (rows.length === 0) return []
  const lease = db.prepare(leaseStoredSql('id = ?1'))
  const results = await db.batch(rows.map((r) => lease.bind(r.id, leaseId, leaseUntil, now, heldId)))
  const got = rows.filter((_, i) => (results[i]?.meta.changes ?? 0) > 0)
  return keepWholeBatches(db, rows, got, leaseId, leaseUntil)
}

/** Of the rows asked for, those leased (`got`) in whole batches; the rest of a partly leased batch is released. */
async function keepWholeBatches(
  db: D1Database,
  rows: OutboxEmail[],
  got: OutboxEmail[],
  leaseId: string,
  leaseUntil: number,
): Promise<OutboxEmail[]> {
  const whole = new Set(got.map((r) => r.batchKey))
  const leased = new Set(got)
  for (const r of rows) if (!leased.has(r)) whole.delete(r.batchKey)
  const partial = got.filter((r) => !whole.has(r.batchKey))
  if (partial.length) {
    await db.batch(partial.map((r) => releaseOutbox(db, r.id, leaseId)))
  }
  return got.filter((r) => whole.has(r.batchKey)).map((r) => ({ ...r, leaseId, leaseUntil }))
}

/**
 * Starts sending whole batches this run stored held under `heldId` (heldLeaseId), without a lease statement
 * per email: the first row of each batch moves to the run's plain lease `leaseId`, one row read a batch,
 * all in one D1 call. That row makes the batch "being sent" for a withdrawal, which leaves it alone from
 * then on; a withdrawal before it released the batch, so the move fails. `started`: the rows of batches
 * whose first row moved (that row now under `leaseId`, the others still under `heldId`, whose lease the
 * caller made sure lasts the send); `disturbed`: the rows of the others, to lease again (leaseStoredBatches).
 */
export async function startHeldBatches(
  db: D1Database,
  rows: OutboxEmail[],
  leaseId: string,
  heldId: string,
): Promise<{ started: OutboxEmail[]; disturbed: OutboxEmail[] }> {
  const batches = new Map<string, OutboxEmail[]>()
  for (const r of rows) batches.set(r.batchKey, [...(batches.get(r.batchKey) ?? []), r])
  const groups = [...batches.values()]
  if (groups.length === 0) return { started: [], disturbed: [] }
  const start = db.prepare("UPDATE outbox SET lease_id = ?2 WHERE id = ?1 AND lease_id = ?3 AND status = 'pending'")
  const results = await db.batch(groups.map((g) => start.bind((g[0] as OutboxEmail).id, leaseId, heldId)))
  const started: OutboxEmail[] = []
  const disturbed: OutboxEmail[] = []
  groups.forEach((group, i) => {
    if ((results[i]?.meta.changes ?? 0) === 0) disturbed.push(...group)
    else started.push({ ...(group[0] as OutboxEmail), leaseId }, ...group.slice(1))
  })
  return { started, disturbed }
}

/**
 * Whether any pending email is due (by `dueBy`, as leaseDueBatches) and unleased now: tells a run stopped
 * by a limit from one that was done.
 */
export async function hasDueOutbox(db: D1Database, now: number, dueBy = now): Promise<boolean> {
  const { results } = await db
    .prepare(
      `SELECT 1 FROM outbox INDEXED BY idx_outbox_pending
       WHERE status = 'pending' AND next_attempt_at <= ?2 AND (lease_until IS NULL OR lease_until <= ?1) LIMIT 1`,
    )
    .bind(now, dueBy)
    .all()
  return results.length > 0
}

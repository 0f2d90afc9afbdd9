// Sends leased outbox rows batch by batch (≤100 emails a request) and records what became of each.

import type { D1Usage } from '../db/metered'
import { countMailStatement } from '../db/operator'
import { dropBodyIfSettledStatement, type OutboxEmail } from '../db/outbox'
import { markOutboxFailed, markOutboxSent, releaseOutbox, retryOutboxLater } from '../db/outbox-results'
import type { MailTransport, RateLimitInfo } from './transport'

/** After this many failed attempts (5xx, network, timeout) an email is marked failed. */
export const MAX_ATTEMPTS = 8

/** Delay before attempt n+1 after n failures: 1, 2, 4 … minutes, capped at 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000)
}

export interface SendBudget {
  /** requests to the mail provider this run may still make */
  subrequests: number
  /** D1 calls the metered binding may have made in all (Free plan: 50 queries per invocation) */
  d1Calls: number
  /** wall-clock deadline (Date.now()) after which no new request starts */
  deadline: number
}

/**
 * Why sending stopped with work left: the provider refused (`quota`, `unauthorized`, `rate_limited`),
 * or one of the caller's limits ran out (`subrequests`, `d1_calls`, `budget` = the wall-clock deadline).
 */
export type SendStopReason = 'quota' | 'unauthorized' | 'rate_limited' | 'subrequests' | 'd1_calls' | 'budget'

/**
 * Which of a budget's limits is reached after `used`, keeping `d1Reserve` D1 calls for the writes that
 * must follow; null while all three allow one more request.
 */
export function budgetStop(
  budget: SendBudget,
  used: { subrequests: number; d1Calls: number },
  d1Reserve: number,
): SendStopReason | null {
  if (used.subrequests >= budget.subrequests) return 'subrequests'
  if (used.d1Calls + d1Reserve > budget.d1Calls) return 'd1_calls'
  return Date.now() >= budget.deadline ? 'budget' : null
}

export interface SendStats {
  sent: number
  failed: number
  retried: number
  subrequests: number
  /** why sending stopped early, if it did */
  stopped: SendStopReason | null
  /** with stopped = rate_limited: how long the provider asked to wait (retry-after, or its window) */
  retryAfterMs: number
}

/**
 * Resend's rate window as the last answers left it (ratelimit-remaining 0 → wait until the window ends).
 * One object is shared by every send of a run or queue invocation, so the next call waits instead of
 * spending a request on a 429 (each 429 costs a whole retry-after).
 */
export interface RatePace {
  waitUntil: number
  /**
   * The latest the current window can end: the answer of the request that opened it (remaining =
   * limit − 1) plus its ratelimit-reset. ratelimit-reset counts whole seconds, so the fifth request's
   * "1" would waste most of a second at 5 requests/s; the server counted the opening request before
   * answering it, so its window ends by then whether it is fixed or sliding.
   */
  windowEnd?: number
}

/** Updates `pace` from one answer's ratelimit-* headers, read at `answeredAt` (Date.now()). */
export function notePace(pace: RatePace, rl: RateLimitInfo | null, answeredAt: number): void {
  if (!rl || rl.resetMs === null) return
  if (rl.limit !== null && rl.remaining === rl.limit - 1) pace.windowEnd = answeredAt + rl.resetMs
  if (rl.remaining !== 0) return
  const end = pace.windowEnd ?? 0
  // A window end already past means another client opened this window: trust the reset header.
  pace.waitUntil = end > answeredAt ? Math.min(end, answeredAt + rl.resetMs) : answeredAt + rl.resetMs
}

export interface SendOptions {
  /** the lease the rows are held under, for a row that does not carry its own (OutboxEmail.leaseId) */
  leaseId: string
  /** the meter of the binding passed in: its calls count against budget.d1Calls */
  d1: D1Usage
  /** the run's notion of now (scheduledTime plus elapsed wall time) */
  clock: () => number
  budget: SendBudget
  /** wait for retry-after / a rate window within this call when the deadline allows */
  waitInRun: boolean
  sleep?: (ms: number) => Promise<void>
  /** shared across the calls of one run or invocation; a fresh window when absent */
  pace?: RatePace
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Groups leased rows into their batches, in a stable order (the order they are sent in). */
export function groupBatches(rows: OutboxEmail[]): OutboxEmail[][] {
  const byKey = new Map<string, OutboxEmail[]>()
  for (const r of rows) {
    const list = byKey.get(r.batchKey) ?? []
    list.push(r)
    byKey.set(r.batchKey, list)
  }
  // Rows of one batch sorted by id, so a retried batch is the same request body.
  return [...byKey.values()].map((list) => list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
}

/**
 * Sends leased rows batch by batch (one request each, ≤100 emails), records each result,
 * and releases what it did not get to. Never throws for provider errors.
 */
export async function sendOutboxBatches(
  db: D1Database,
  transport: MailTransport,
  rows: OutboxEmail[],
  options: SendOptions,
): Promise<SendStats> {
  const sleep = options.sleep ?? defaultSleep
  const stats: SendStats = { sent: 0, failed: 0, retried: 0, subrequests: 0, stopped: null, retryAfterMs: 0 }
  const write = (statements: D1PreparedStatement[]) => db.batch(statements)
  const batches = groupBatches(rows)
  const { budget } = options
  // Each row is marked under the lease it is held by: a batch the cron stored held and started has one
  // row under the run's lease and the others under its hold (startHeldBatches).
  const lease = (r: OutboxEmail) => r.leaseId ?? options.leaseId
  const pace = options.pace ?? { waitUntil: 0 }
  let i = 0
  for (; i < batches.length; i++) {
    const batch = batches[i] as OutboxEmail[]
    if (pace.waitUntil > Date.now()) {
      const ms = pace.waitUntil - Date.now()
      if (!options.waitInRun || Date.now() + ms >= budget.deadline) {
        stats.stopped = 'rate_limited'
        stats.retryAfterMs = ms
        break
      }
      await sleep(ms)
    }
    // Each request needs one D1 write for its result, and one more may release what is left.
    const limit = budgetStop(budget, { subrequests: stats.subrequests, d1Calls: options.d1.calls }, 2)
    if (limit) {
      stats.stopped = limit
      break
    }
    stats.subrequests++
    const result = await transport.sendBatch(
      batch.map((r) => r.message),
      batch[0]?.batchKey as string,
    )
    const now = options.clock()
    notePace(pace, result.rateLimit, Date.now())
    if (result.ok) {
      const failures = new Map(result.errors.map((e) => [e.index, e.message]))
      const sent = result.ids.filter(Boolean).length
      await write([
        // Each email by its key, its body dropped once settled: a primary-key UPDATE reads one row, where
        // one UPDATE over a json_each list of the request's ids reads five per email (D1 counts each step
        // of the list and of the temporary b-tree it builds).
        ...batch.flatMap((r, j) => {
          const providerId = result.ids[j]
          if (providerId) return settled(db, markOutboxSent(db, r.id, lease(r), providerId, now), r)
          const message = failures.get(j) ?? 'rejected without an id'
          logFailure(r, message)
          return settled(db, markOutboxFailed(db, r.id, lease(r), message), r)
        }),
        countMailStatement(db, now, { sent, failed: batch.length - sent }),
      ])
      stats.sent += sent
      stats.failed += batch.length - sent
      continue
    }
    if (result.kind === 'rate_limited') {
      const retryAt = Date.now() + result.retryAfterMs
      if (options.waitInRun && retryAt < budget.deadline && stats.subrequests < budget.subrequests) {
        // Honour retry-after within this run, then try the same batch again.
        await sleep(result.retryAfterMs)
        i--
        continue
      }
      await write(
        batch.map((r) => retryOutboxLater(db, r.id, lease(r), now + result.retryAfterMs, result.message, false)),
      )
      stats.retried += batch.length
      stats.stopped = 'rate_limited'
      stats.retryAfterMs = result.retryAfterMs
      i++
      break
    }
    if (result.kind === 'retryable') {
      const givenUp = batch.filter((r) => r.attempts + 1 >= MAX_ATTEMPTS).length
      await write([
        ...batch.flatMap((r) => {
          if (r.attempts + 1 >= MAX_ATTEMPTS) {
            logFailure(r, `gave up after ${MAX_ATTEMPTS} attempts: ${result.message}`)
            return settled(db, markOutboxFailed(db, r.id, lease(r), result.message), r)
          }
          return [retryOutboxLater(db, r.id, lease(r), now + backoffMs(r.attempts + 1), result.message, true)]
        }),
        ...(givenUp ? [countMailStatement(db, now, { failed: givenUp })] : []),
      ])
      for (const r of batch) r.attempts + 1 >= MAX_ATTEMPTS ? stats.failed++ : stats.retried++
      continue
    }
    if (result.kind === 'invalid') {
      // The whole request was refused; the same body would be refused again.
      await write([
        ...batch.flatMap((r) => {
          logFailure(r, result.message)
          return settled(db, markOutboxFailed(db, r.id, lease(r), result.message), r)
        }),
        countMailStatement(db, now, { failed: batch.length }),
      ])
      stats.failed += batch.length
      continue
    }
    // quota or unauthorized: nothing more can go out in this run.
    console.error(JSON.stringify({ event: 'mail_stopped', reason: result.kind, error: result.message }))
    await write(batch.map((r) => retryOutboxLater(db, r.id, lease(r), now, result.message, false)))
    stats.retried += batch.length
    stats.stopped = result.kind
    i++
    break
  }
  const untouched = batches.slice(i).flat()
  if (untouched.length) await write(untouched.map((r) => releaseOutbox(db, r.id, lease(r))))
  return stats
}

/** A statement marking `row` sent or failed, then the deletion of its body if the mark applied. */
function settled(db: D1Database, mark: D1PreparedStatement, row: { id: string }): D1PreparedStatement[] {
  return [mark, dropBodyIfSettledStatement(db, row.id)]
}

function logFailure(row: OutboxEmail, error: string) {
  console.error(JSON.stringify({ event: 'mail_failed', outboxId: row.id, kind: row.kind, error }))
}

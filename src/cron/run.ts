// One scheduler run: purge stale sign-ups → plan due cards into deliveries → claim and render one
// email per address → send the outbox in batches, within the per-run limits of the Workers plan.
import { getConfig } from '../config'
import {
  cancelDeliveriesStatement,
  claimQueued,
  type Delivery,
  hasClaimable,
  loadMailContext,
  markEmailedStatement,
} from '../db/deliveries'
import {
  advanceCardStatement,
  planDueCard,
  postponeCardStatement,
  purgePending,
  queueDeliveryStatement,
  selectDueCards,
  unscheduleCardStatement,
} from '../db/due-cards'
import { hasDueOutbox, insertOutboxIfClaimed, leaseDueBatches } from '../db/outbox'
import type { Card } from '../domain/types'
import type { Env } from '../env'
import { randomId } from '../lib/crypto'
import { createTransport } from '../mail/create-transport'
import { budgetStop, LEASE_MS, type SendStopReason, sendOutboxBatches } from '../mail/outbox'
import { composeReminder } from './compose'
import { PLAN_LIMITS } from './limits'

export const PENDING_TTL_MS = 7 * 86_400_000
/** Sent/failed emails and webhook ids are kept this long (support questions, svix retries). */
export const DONE_TTL_MS = 30 * 86_400_000

/** Why a run ended with work left: a send stop, or its cap on emails rendered (`emails`). */
export type StopReason = SendStopReason | 'emails'

export interface RunOptions {
  /** the run's "now": controller.scheduledTime */
  now: number
  // The four limits below default to the plan's (WORKERS_PLAN, src/cron/limits.ts); tests pass their own.
  /** wall time after which no new step starts (Workers' cron limit is far above; stay short) */
  budgetMs?: number
  /** requests to Resend per run */
  maxSubrequests?: number
  /** D1 calls per run (a batch counts once) */
  maxD1Calls?: number
  /** emails rendered, and due cards planned, per run (bounds CPU time) */
  maxEmails?: number
  /** client timeout per Resend request */
  timeoutMs?: number
  /** how long claimed deliveries are held before another run may take them */
  claimMs?: number
  /** cards planned (and addresses claimed) per D1 round trip */
  pageSize?: number
  sleep?: (ms: number) => Promise<void>
  /** test seam: called after each stage; throwing there is a run that dies at that point */
  onStage?: (stage: 'planned' | 'claimed' | 'rendered') => void | Promise<void>
}

export interface RunStats {
  due: number
  sent: number
  skipped: number
  failed: number
  retried: number
  cancelled: number
  rowsRead: number
  subrequests: number
  d1Calls: number
  purged: number
  /** emails rendered (composed) this run, failed renders included */
  rendered: number
  /** why the run ended with work left; null when it did all there was */
  stopped: StopReason | null
  ms: number
}

const BATCH_SIZE = 100
/**
 * Batches leased at once. 20 requests take ~10 s at Resend's default 2 per second, far inside LEASE_MS,
 * and 2,000 leased emails (~10 KB each) stay well under a Worker's 128 MB and D1's 50 MB result limit.
 */
const LEASE_BATCHES = 20

export async function runScheduler(env: Env, options: RunOptions): Promise<RunStats> {
  let config: ReturnType<typeof getConfig>
  try {
    config = getConfig(env)
  } catch (err) {
    // A broken deployment must fail loudly, never drop mail quietly.
    console.error(JSON.stringify({ event: 'cron_config_error', error: String(err) }))
    throw err
  }
  const db = env.DB
  const start = Date.now()
  const now = options.now
  const plan = PLAN_LIMITS[config.workersPlan]
  const deadline = start + (options.budgetMs ?? plan.budgetMs)
  const maxSubrequests = options.maxSubrequests ?? plan.maxSubrequests
  const pageSize = options.pageSize ?? BATCH_SIZE
  const maxD1Calls = options.maxD1Calls ?? plan.maxD1Calls
  const maxEmails = options.maxEmails ?? plan.maxEmails
  const clock = () => now + (Date.now() - start)
  const budget = { subrequests: maxSubrequests, d1Calls: maxD1Calls, deadline }
  // Planning and rendering make no requests (Infinity), but leave 10 D1 calls for sending (about 2 per
  // Resend request).
  const prepLimit = () => budgetStop({ ...budget, subrequests: Number.POSITIVE_INFINITY }, stats, 10)
  // A lease call, then at least one request with its writes.
  const sendLimit = () => budgetStop(budget, stats, 3)
  const stats: RunStats = {
    due: 0,
    sent: 0,
    skipped: 0,
    failed: 0,
    retried: 0,
    cancelled: 0,
    rowsRead: 0,
    subrequests: 0,
    d1Calls: 0,
    purged: 0,
    rendered: 0,
    stopped: null,
    ms: 0,
  }
  try {
    const purged = await purgePending(db, now - PENDING_TTL_MS, now - DONE_TTL_MS)
    stats.d1Calls++
    stats.purged = purged.cards + purged.subscribers
    stats.rowsRead += purged.rowsRead

    // On Free, planning is bounded by the same count as rendering: each due card costs CPU to plan too.
    const planStop = await planDue(env, config.sendHour, now, pageSize, maxEmails, prepLimit, stats)
    await options.onStage?.('planned')
    const renderStop = await renderClaimed(env, now, clock, options, maxEmails, prepLimit, stats)

    const transport = createTransport(env, config, { timeoutMs: options.timeoutMs })
    const leaseId = randomId()
    let sendStop: StopReason | null = null
    // Whether the outbox may hold more due batches than this run has leased so far.
    let more = true
    for (;;) {
      const limit = sendLimit()
      if (limit) {
        // Reached right after a full lease, the limit may have cut nothing off: look once, if a D1 call is left.
        if (more && stats.d1Calls < maxD1Calls) {
          const waiting = await hasDueOutbox(db, clock())
          stats.d1Calls++
          stats.rowsRead += waiting.rowsRead
          more = waiting.found
        }
        if (more) sendStop = limit
        break
      }
      const left = maxSubrequests - stats.subrequests
      const want = Math.min(left, LEASE_BATCHES)
      const leased = await leaseDueBatches(db, leaseId, clock() + LEASE_MS, clock(), want)
      stats.d1Calls++
      stats.rowsRead += leased.rowsRead
      if (leased.rows.length === 0) break
      // Fewer batches than asked for: nothing else was due, so a limit reached after these cuts nothing off.
      more = new Set(leased.rows.map((r) => r.batchKey)).size >= want
      const sent = await sendOutboxBatches(db, transport, leased.rows, {
        leaseId,
        clock,
        budget: { subrequests: left, d1Calls: maxD1Calls - stats.d1Calls, deadline },
        waitInRun: true,
        sleep: options.sleep,
      })
      stats.sent += sent.sent
      stats.failed += sent.failed
      stats.retried += sent.retried
      stats.subrequests += sent.subrequests
      stats.d1Calls += sent.d1Calls
      if (sent.stopped) {
        sendStop = sent.stopped
        break
      }
    }
    // What ended the run: sending comes last, so its stop explains the end best; else what cut planning
    // or rendering short (their work waits for the next run even though everything rendered went out).
    stats.stopped = sendStop ?? renderStop ?? planStop
    return stats
  } finally {
    stats.ms = Date.now() - start
    console.log(JSON.stringify({ event: 'cron_run', scheduledTime: new Date(now).toISOString(), ...stats }))
  }
}

/**
 * Turns every card whose next_due_at has come into queued deliveries, and moves it on. Returns the limit
 * that stopped it before it saw the last due card, or null.
 */
async function planDue(
  env: Env,
  sendHour: number,
  now: number,
  pageSize: number,
  maxCards: number,
  limitReached: () => StopReason | null,
  stats: RunStats,
): Promise<StopReason | null> {
  const db = env.DB
  let planned = 0
  // Each pass moves every card it read past `now` (or to NULL), so the loop ends.
  for (let pass = 0; pass < 100; pass++) {
    const limit = limitReached()
    if (limit) return limit
    const room = maxCards - planned
    if (room <= 0) {
      // Cut off only if another card is due; this look is the empty select an uncapped run would end with.
      const more = await selectDueCards(db, now, 1)
      stats.d1Calls++
      stats.rowsRead += more.rowsRead
      return more.rows.length > 0 ? 'emails' : null
    }
    const page = Math.min(pageSize, room)
    const { rows, rowsRead } = await selectDueCards(db, now, page)
    planned += rows.length
    stats.d1Calls++
    stats.rowsRead += rowsRead
    if (rows.length === 0) return null
    const statements: D1PreparedStatement[] = []
    const inserts: boolean[] = []
    for (const due of rows) {
      const { card, subscriber } = due
      if (card.status !== 'active' || subscriber.status !== 'active' || subscriber.suppressedAt !== null) {
        // No mail for this card; restoreSchedule puts it back when the address is subscribed again.
        statements.push(unscheduleCardStatement(db, card))
        inserts.push(false)
        continue
      }
      let plan: ReturnType<typeof planDueCard>
      try {
        plan = planDueCard(due, sendHour, now)
      } catch (err) {
        // One broken row must not stop everyone's reminders: log it and look again tomorrow.
        console.error(JSON.stringify({ event: 'plan_failed', cardId: card.id, error: String(err) }))
        statements.push(postponeCardStatement(db, card, now + 86_400_000))
        inserts.push(false)
        stats.failed++
        continue
      }
      stats.skipped += plan.skipped.length
      for (const occurrence of plan.due) {
        statements.push(queueDeliveryStatement(db, { id: randomId(), occurrence, card, now }))
        inserts.push(true)
      }
      // Queue first: the guard on the queue statements needs the card's old next_due_at.
      statements.push(advanceCardStatement(db, card, { nextDueAt: plan.nextDueAt, expiresOn: plan.expiresOn }))
      inserts.push(false)
    }
    const results = await db.batch(statements)
    stats.d1Calls++
    results.forEach((r, i) => {
      stats.rowsRead += r.meta.rows_read ?? 0
      if (inserts[i]) stats.due += r.meta.changes ?? 0
    })
    if (rows.length < page) return null
  }
  return null
}

/**
 * Claims queued deliveries address by address and stores one rendered email per address, at most
 * `maxEmails` in all. Returns the limit that left claimable deliveries queued, or null.
 */
async function renderClaimed(
  env: Env,
  now: number,
  clock: () => number,
  options: RunOptions,
  maxEmails: number,
  limitReached: () => StopReason | null,
  stats: RunStats,
): Promise<StopReason | null> {
  const db = env.DB
  const config = getConfig(env)
  const claimId = randomId()
  const claimMs = options.claimMs ?? 120_000
  for (let pass = 0; pass < 100; pass++) {
    const limit = limitReached()
    if (limit) return limit
    const room = maxEmails - stats.rendered
    if (room <= 0) {
      // The cap only cut something off if another address is waiting; one look costs what the
      // empty claim that ends an uncapped run would.
      const waiting = await hasClaimable(db, clock())
      stats.d1Calls++
      stats.rowsRead += waiting.rowsRead
      return waiting.found ? 'emails' : null
    }
    let emails = 0
    // Claim no more addresses than may still be rendered: each claimed address is at most one email.
    const claimed = await claimQueued(
      db,
      claimId,
      clock() + claimMs,
      clock(),
      Math.min(options.pageSize ?? BATCH_SIZE, room),
    )
    stats.d1Calls++
    stats.rowsRead += claimed.rowsRead
    if (claimed.rows.length === 0) return null
    await options.onStage?.('claimed')
    const bySubscriber = new Map<string, Delivery[]>()
    for (const d of claimed.rows) bySubscriber.set(d.subscriberId, [...(bySubscriber.get(d.subscriberId) ?? []), d])
    const ctx = await loadMailContext(db, [...bySubscriber.keys()], [...new Set(claimed.rows.map((d) => d.cardId))])
    stats.d1Calls++
    stats.rowsRead += ctx.rowsRead
    const statements: D1PreparedStatement[] = []
    for (const [subscriberId, deliveries] of bySubscriber) {
      const subscriber = ctx.subscribers.get(subscriberId)
      const eligible = subscriber && subscriber.status === 'active' && subscriber.suppressedAt === null
      const wanted: Array<{ delivery: Delivery; card: Card }> = []
      const stale: string[] = []
      for (const d of deliveries) {
        const card = ctx.cards.get(d.cardId)
        // A renewal or edit since planning makes a reminder about the old expiry pointless.
        const current = card && card.status === 'active' && (d.kind === 'balance' || d.expiresOn === card.expiresOn)
        if (eligible && card && current) wanted.push({ delivery: d, card })
        else stale.push(d.id)
      }
      if (stale.length) {
        statements.push(cancelDeliveriesStatement(db, stale, claimId))
        stats.cancelled += stale.length
      }
      if (!subscriber || wanted.length === 0) continue
      stats.rendered++
      try {
        const message = await composeReminder(config, subscriber, wanted, now)
        const outboxId = randomId()
        const ids = wanted.map((w) => w.delivery.id)
        // Up to 100 emails of this pass share a batch key. The pass's rows are inserted in one D1
        // batch, so no run can lease part of a batch: a retried batch is the same request.
        const batchKey = `rem-${claimId}-${pass}-${Math.floor(emails / BATCH_SIZE)}`
        emails++
        statements.push(
          insertOutboxIfClaimed(
            db,
            { id: outboxId, subscriberId, kind: 'reminder', batchKey, message, now: clock() },
            ids,
            claimId,
          ),
          markEmailedStatement(db, ids, claimId, outboxId),
        )
      } catch (err) {
        // Left claimed: the claim expires and a later run tries again.
        stats.retried += wanted.length
        console.error(JSON.stringify({ event: 'render_failed', subscriberId, error: String(err) }))
      }
    }
    if (statements.length) {
      const results = await db.batch(statements)
      stats.d1Calls++
      for (const r of results) stats.rowsRead += r.meta.rows_read ?? 0
    }
    await options.onStage?.('rendered')
  }
  return null
}

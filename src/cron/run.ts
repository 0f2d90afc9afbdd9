// One scheduler run: purge stale sign-ups → plan due cards into deliveries → claim and render one
// email per address → send the outbox in batches, within a time and subrequest budget.
import { getConfig } from '../config'
import {
  cancelDeliveriesStatement,
  claimQueued,
  type Delivery,
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
import { insertOutboxIfClaimed, leaseDueBatches } from '../db/outbox'
import type { Card } from '../domain/types'
import type { Env } from '../env'
import { randomId } from '../lib/crypto'
import { createTransport } from '../mail/create-transport'
import { LEASE_MS, sendOutboxBatches } from '../mail/outbox'
import { composeReminder } from './compose'

export const PENDING_TTL_MS = 7 * 86_400_000
/** Sent/failed emails and webhook ids are kept this long (support questions, svix retries). */
export const DONE_TTL_MS = 30 * 86_400_000

export interface RunOptions {
  /** the run's "now": controller.scheduledTime */
  now: number
  /** wall time after which no new step starts (Workers' cron limit is far above; stay short) */
  budgetMs?: number
  /** requests to Resend per run, under the Free plan's 50 subrequests per invocation */
  maxSubrequests?: number
  /** D1 calls per run (a batch counts once), under the Free plan's 50 queries per invocation */
  maxD1Calls?: number
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
  stopped: string | null
  ms: number
}

const BATCH_SIZE = 100

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
  const deadline = start + (options.budgetMs ?? 25_000)
  const maxSubrequests = options.maxSubrequests ?? 40
  const pageSize = options.pageSize ?? BATCH_SIZE
  const maxD1Calls = options.maxD1Calls ?? 45
  const clock = () => now + (Date.now() - start)
  // Planning and rendering leave room for sending (about 2 D1 calls per Resend request).
  const inTime = () => Date.now() < deadline && stats.d1Calls + 10 <= maxD1Calls
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
    stopped: null,
    ms: 0,
  }
  try {
    const purged = await purgePending(db, now - PENDING_TTL_MS, now - DONE_TTL_MS)
    stats.d1Calls++
    stats.purged = purged.cards + purged.subscribers
    stats.rowsRead += purged.rowsRead

    await planDue(env, config.sendHour, now, pageSize, inTime, stats)
    await options.onStage?.('planned')
    await renderClaimed(env, now, clock, options, inTime, stats)

    const transport = createTransport(env, config, { timeoutMs: options.timeoutMs })
    const leaseId = randomId()
    while (Date.now() < deadline && stats.subrequests < maxSubrequests && stats.d1Calls + 3 <= maxD1Calls) {
      const left = maxSubrequests - stats.subrequests
      const leased = await leaseDueBatches(db, leaseId, clock() + LEASE_MS, clock(), left)
      stats.d1Calls++
      stats.rowsRead += leased.rowsRead
      if (leased.rows.length === 0) break
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
        stats.stopped = sent.stopped
        break
      }
    }
    if (!stats.stopped && Date.now() >= deadline) stats.stopped = 'budget'
    return stats
  } finally {
    stats.ms = Date.now() - start
    console.log(JSON.stringify({ event: 'cron_run', scheduledTime: new Date(now).toISOString(), ...stats }))
  }
}

/** Turns every card whose next_due_at has come into queued deliveries, and moves it on. */
async function planDue(
  env: Env,
  sendHour: number,
  now: number,
  pageSize: number,
  inTime: () => boolean,
  stats: RunStats,
): Promise<void> {
  const db = env.DB
  // Each pass moves every card it read past `now` (or to NULL), so the loop ends.
  for (let pass = 0; pass < 100 && inTime(); pass++) {
    const { rows, rowsRead } = await selectDueCards(db, now, pageSize)
    stats.d1Calls++
    stats.rowsRead += rowsRead
    if (rows.length === 0) return
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
    if (rows.length < pageSize) return
  }
}

/** Claims queued deliveries address by address and stores one rendered email per address. */
async function renderClaimed(
  env: Env,
  now: number,
  clock: () => number,
  options: RunOptions,
  inTime: () => boolean,
  stats: RunStats,
): Promise<void> {
  const db = env.DB
  const config = getConfig(env)
  const claimId = randomId()
  const claimMs = options.claimMs ?? 120_000
  for (let pass = 0; pass < 100 && inTime(); pass++) {
    let emails = 0
    const claimed = await claimQueued(db, claimId, clock() + claimMs, clock(), options.pageSize ?? BATCH_SIZE)
    stats.d1Calls++
    stats.rowsRead += claimed.rowsRead
    if (claimed.rows.length === 0) return
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
}

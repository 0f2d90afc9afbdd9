// One scheduler run: purge stale sign-ups → plan due cards into deliveries → claim and render one
// email per address → send the outbox in batches, within the per-run limits of the Workers plan.
import { getConfig } from '../config'
import { backlogOf, backlogStatement } from '../db/deliveries'
import { purgePending } from '../db/due-cards'
import { purgeSettledStatements, settledPurged } from '../db/retention'
import type { Config, Env } from '../env'
import { createRunContext, prepStop, type RunContext, type RunOptions, type RunStats } from './context'
import { enqueueClaimed, enqueuePlanned, QUEUE_CLAIM_MS, QUEUE_GRACE_MS, QUEUE_PAGE_SIZE } from './enqueue'
import { PLAN_LIMITS } from './limits'
import { planDue } from './plan'
import { renderClaimed } from './render'
import { sendDue } from './send'

export const PENDING_TTL_MS = 7 * 86_400_000
/** Sent/failed emails and webhook ids are kept this long (support questions, svix retries). */
export const DONE_TTL_MS = 30 * 86_400_000

export async function runScheduler(env: Env, options: RunOptions): Promise<RunStats> {
  let config: Config
  try {
    config = getConfig(env)
  } catch (err) {
    // A broken deployment must fail loudly, never drop mail quietly.
    console.error(JSON.stringify({ event: 'cron_config_error', error: String(err) }))
    throw err
  }
  const queue = env.SEND_QUEUE
  const plan = PLAN_LIMITS[config.workersPlan]
  // With SEND_QUEUE the cron plans and enqueues; the consumer renders and sends within its own limits.
  // What it plans is held for the consumer from the start (QUEUE_CLAIM_MS), so enqueueing needs no claim.
  const queueOptions = { pageSize: QUEUE_PAGE_SIZE, claimMs: QUEUE_CLAIM_MS, ...options }
  const ctx = queue
    ? createRunContext(env, config, queueOptions, { ...plan, maxEmails: plan.maxQueued })
    : createRunContext(env, config, options, plan)
  const { stats } = ctx
  const start = Date.now()
  try {
    const graceMs = queue ? QUEUE_GRACE_MS : 0
    // The backlog look rides with the purge: what earlier runs left decides whether to claim and lease.
    const backlog = backlogStatement(ctx.db, ctx.now, ctx.now - graceMs)
    // The dev mailbox ages by the wall clock: trying the product locally means firing the cron weeks
    // ahead (README), and that must not purge the confirmation the developer just received.
    const devMailboxBefore = Math.min(ctx.now, start) - DONE_TTL_MS
    const purged = await purgePending(
      ctx.db,
      ctx.now - PENDING_TTL_MS,
      ctx.now - DONE_TTL_MS,
      ctx.purgeChunk,
      backlog,
      devMailboxBefore,
    )
    ctx.backlog = backlogOf(purged.also)
    stats.purged = purged.cards + purged.subscribers
    stats.pruned = purged.settled.deliveries + purged.settled.emails
    if (Math.max(purged.settled.deliveries, purged.settled.emails) >= ctx.purgeChunk) await pruneSettled(ctx)

    const planStop = await planDue(ctx, { hold: queue ? 'enqueue' : 'render' }).catch(async (err) => {
      // A page that failed to plan still leaves the pages before it held: hand them over rather than let
      // them wait out QUEUE_CLAIM_MS (a run killed outright cannot, and a later run claims them then).
      if (queue) await enqueuePlanned(ctx, queue, plan.maxEmails).catch(() => undefined)
      throw err
    })
    await options.onStage?.('planned')
    const renderStop = queue ? await enqueueClaimed(ctx, queue, plan.maxEmails) : await renderClaimed(ctx)
    // With the queue, only what a consumer left behind (a dead message, a backed-off retry) is sent here.
    const sendStop = await sendDue(ctx, graceMs)
    // What ended the run: sending comes last, so its stop explains the end best; else what cut planning
    // or rendering short (their work waits for the next run even though everything rendered went out).
    stats.stopped = sendStop ?? renderStop ?? planStop
    return stats
  } finally {
    stats.d1Calls = ctx.d1.calls
    stats.rowsRead = ctx.d1.rowsRead
    stats.ms = Date.now() - start
    console.log(JSON.stringify({ event: 'cron_run', scheduledTime: new Date(ctx.now).toISOString(), ...stats }))
  }
}

/**
 * After a full first chunk: deletes settled deliveries and sent or failed emails older than DONE_TTL_MS,
 * chunk after chunk while chunks come back full and the run's limits allow. At any volume what a day
 * adds a day removes, and an idle run spends no D1 call on it (the first chunk rides with purgePending).
 */
async function pruneSettled(ctx: RunContext): Promise<void> {
  while (!prepStop(ctx)) {
    const chunk = settledPurged(
      await ctx.db.batch(purgeSettledStatements(ctx.db, ctx.now - DONE_TTL_MS, ctx.purgeChunk)),
    )
    ctx.stats.pruned += chunk.deliveries + chunk.emails
    if (Math.max(chunk.deliveries, chunk.emails) < ctx.purgeChunk) return
  }
}

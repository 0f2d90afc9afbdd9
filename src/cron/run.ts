// One scheduler run: purge stale sign-ups → plan due cards into deliveries → claim and render one
// email per address → send the outbox in batches, within the per-run limits of the Workers plan.
import { getConfig } from '../config'
import { purgePending } from '../db/due-cards'
import type { Config, Env } from '../env'
import { createRunContext, type RunOptions, type RunStats } from './context'
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
  const ctx = createRunContext(env, config, options)
  const { stats } = ctx
  const start = Date.now()
  try {
    const purged = await purgePending(ctx.db, ctx.now - PENDING_TTL_MS, ctx.now - DONE_TTL_MS)
    stats.purged = purged.cards + purged.subscribers

    const planStop = await planDue(ctx)
    await options.onStage?.('planned')
    const renderStop = await renderClaimed(ctx)
    const sendStop = await sendDue(ctx)
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

// The cron trigger's handler: one scheduler run with controller.scheduledTime as "now", then its
// compact record for /healthz and the operator page (the run's cron_run log line stays).
import { type CronRun, recordCronRun } from '../db/operator'
import type { Env } from '../env'
import type { RunStats } from './context'
import { runScheduler } from './run'

export async function scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const started = Date.now()
  let stats: RunStats | null = null
  try {
    stats = await runScheduler(env, { now: controller.scheduledTime })
  } finally {
    // A run that threw is recorded as 'error' (and rethrown): /healthz looks past it, the page shows it.
    await record(env.DB, runRecord(controller.scheduledTime, started, stats))
  }
}

function runRecord(scheduledAt: number, started: number, stats: RunStats | null): CronRun {
  const finishedAt = Date.now()
  return {
    scheduledAt,
    finishedAt,
    ms: stats?.ms ?? finishedAt - started,
    due: stats?.due ?? 0,
    rendered: stats?.rendered ?? 0,
    sent: stats?.sent ?? 0,
    failed: stats?.failed ?? 0,
    retried: stats?.retried ?? 0,
    d1Calls: stats?.d1Calls ?? 0,
    rowsRead: stats?.rowsRead ?? 0,
    stopped: stats ? stats.stopped : 'error',
  }
}

async function record(db: D1Database, run: CronRun): Promise<void> {
  try {
    await recordCronRun(db, run)
  } catch (err) {
    // The run itself is done; a lost record only makes /healthz older, which an alert will show.
    console.error(JSON.stringify({ event: 'cron_record_failed', error: String(err) }))
  }
}

// GET /healthz for uptime monitors: 200 JSON with the last cron run's time; 503 once a run has been
// recorded and the newest one that completed ended more than 45 minutes ago (the cron fires every 15).
import { Hono } from 'hono'
import { lastCompletedRun } from '../db/operator'
import type { AppEnv } from '../env'

/** Three missed quarter-hour runs: long enough to ride out one slow or failed run, short enough to page someone. */
export const HEALTH_STALE_MS = 45 * 60_000

export const healthRoutes = new Hono<AppEnv>()

healthRoutes.get('/', async (c) => {
  const now = Date.now()
  const last = await lastCompletedRun(c.env.DB)
  const ageMs = last ? now - last.finishedAt : null
  const stale = ageMs !== null && ageMs > HEALTH_STALE_MS
  c.header('Cache-Control', 'no-store')
  return c.json(
    {
      ok: !stale,
      // null until the first cron run was recorded (a fresh deployment is healthy)
      lastCronRun: last ? new Date(last.finishedAt).toISOString() : null,
      lastCronRunAgeSeconds: ageMs === null ? null : Math.round(ageMs / 1000),
      lastCronRunStopped: last?.stopped ?? null,
    },
    stale ? 503 : 200,
  )
})

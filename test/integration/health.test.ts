// GET /healthz: what an uptime monitor polls. 200 with the last cron run's time; 503 once the newest
// completed run is older than 45 minutes, so a cron that stopped (or keeps dying) pages someone.
import { createExecutionContext, createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { recordCronRun } from '../../src/db/operator'
import worker from '../../src/index'
import { fire } from '../helpers/cron'
import { clearAll } from '../helpers/fixtures'
import { get } from '../helpers/web'

const MIN = 60_000

async function runEnded(finishedAt: number, stopped: string | null = null) {
  await recordCronRun(env.DB, {
    scheduledAt: finishedAt,
    finishedAt,
    ms: 5,
    due: 0,
    rendered: 0,
    sent: 0,
    failed: 0,
    retried: 0,
    d1Calls: 3,
    rowsRead: 18,
    stopped,
  })
}

async function health() {
  const res = await get('/healthz')
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    cache: res.headers.get('cache-control'),
  }
}

describe('GET /healthz', () => {
  beforeEach(clearAll)

  it('is 200 before any cron run was recorded (a fresh deployment)', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { ok: true, lastCronRun: null }, cache: 'no-store' })
  })

  it('names the last run that the real scheduled handler recorded', async () => {
    const before = Date.now()
    await fire(Date.UTC(2026, 11, 1, 1))
    const { status, body } = await health()
    expect(status).toBe(200)
    expect(Date.parse(String(body.lastCronRun))).toBeGreaterThanOrEqual(before - 1000)
    expect(body.lastCronRunStopped).toBeNull()
    const runs = await env.DB.prepare('SELECT scheduled_at, stopped FROM cron_runs').all()
    expect(runs.results).toEqual([{ scheduled_at: Date.UTC(2026, 11, 1, 1), stopped: null }])
  })

  it('is 503 once the newest run ended more than 45 minutes ago, and 200 again after a run', async () => {
    await runEnded(Date.now() - 46 * MIN)
    const stale = await health()
    expect(stale.status).toBe(503)
    expect(stale.body).toMatchObject({ ok: false })
    expect(stale.body.lastCronRunAgeSeconds as number).toBeGreaterThanOrEqual(46 * 60)
    await runEnded(Date.now() - 44 * MIN)
    expect((await health()).status).toBe(200)
  })

  it('looks past runs that died: a cron that fails every time goes stale', async () => {
    await runEnded(Date.now() - 50 * MIN)
    await runEnded(Date.now() - MIN, 'error')
    expect((await health()).status).toBe(503)
  })

  it('records a run that threw as an error run, and the error still reaches the runtime', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const broken = { ...env, SIGNING_SECRET: 'short' }
    await expect(
      worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), broken, createExecutionContext()),
    ).rejects.toThrow(/SIGNING_SECRET/)
    const runs = await env.DB.prepare('SELECT stopped FROM cron_runs').all()
    expect(runs.results).toEqual([{ stopped: 'error' }])
    log.mockRestore()
  })

  it('keeps two weeks of run records', async () => {
    await runEnded(Date.now() - 15 * 86_400_000)
    await runEnded(Date.now() - 13 * 86_400_000)
    await runEnded(Date.now())
    const n = await env.DB.prepare('SELECT count(*) AS n FROM cron_runs').first<{ n: number }>()
    expect(n?.n).toBe(2)
  })
})

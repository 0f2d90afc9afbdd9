// Fires the Worker's real scheduled handler at a chosen instant, or one run with chosen limits.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { RunOptions } from '../../src/cron/context'
import { runScheduler } from '../../src/cron/run'
import worker from '../../src/index'

export const at = (iso: string) => Date.parse(iso)

export async function fire(scheduledTime: number): Promise<void> {
  const controller = createScheduledController({ scheduledTime, cron: '*/15 * * * *' })
  const ctx = createExecutionContext()
  await worker.scheduled(controller, env, ctx)
  await waitOnExecutionContext(ctx)
}

/** One run with test limits; sleeps are recorded and skipped unless `realSleep`. */
export async function run(now: number, options: Partial<RunOptions> & { realSleep?: boolean } = {}) {
  const slept: number[] = []
  const sleep = async (ms: number) => {
    slept.push(ms)
    if (options.realSleep) await new Promise((r) => setTimeout(r, ms))
  }
  const stats = await runScheduler(env, { sleep, ...options, now })
  return { stats, slept }
}

export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  const res = await env.DB.prepare(sql)
    .bind(...params)
    .all<T>()
  return res.results
}

// Fault tolerance: a faulty Resend (500s, 429s, hangs), the cron fired twice at every instant and
// runs aborted at random D1 calls; over simulated days every due email arrives exactly once.

import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunStats } from '../../src/cron/context'
import { runScheduler } from '../../src/cron/run'
import { scheduleFields } from '../../src/domain/schedule'
import type { Env } from '../../src/env'
import { createFakeResend, type FakeResend, type Fault } from '../fakes/resend'
import { FAKE_RESEND_ORIGIN } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'

const benv = env as unknown as Record<string, string | undefined>
/** 2,000 subscribers over 10 days in the benchmark run; a small, fast version in `npm test`. */
const SUBSCRIBERS = Number(benv.BENCH_FT_SUBSCRIBERS ?? 120)
const DAYS = Number(benv.BENCH_FT_DAYS ?? 10)
const SEED = Number(benv.BENCH_FT_SEED ?? 7)
const SEND_HOUR = Number(benv.SEND_HOUR ?? 9)
/** Simulation starts 2026-11-25 00:00 UTC, so the window crosses a month start (balance checks). */
const START = Date.UTC(2026, 10, 25, 0, 0)
const HOUR = 3_600_000
/** After the faulty days, a fault-free tail lets retries in backoff finish (same in both runs). */
const DRAIN_HOURS = 12
const CRON = '*/15 * * * *'
const AT_SCALE = benv.BENCH_FT_SUBSCRIBERS !== undefined
const TIMEOUT_MS = AT_SCALE ? 1_800_000 : 180_000
/**
 * At scale each run is exactly what scheduled() starts (runScheduler with its defaults: Resend client
 * timeout 10 s). In `npm test` the client timeout is 500 ms, so each hang costs half a second.
 */
const CLIENT_TIMEOUT_MS = AT_SCALE ? undefined : 500
/**
 * At scale (hundreds due at 09:00) the deployment is the Paid plan's; in `npm test` the Free plan's
 * 20-emails-a-run cap stays on, so runs also stop with work left and the next run must carry on.
 */
const PLAN = AT_SCALE ? 'paid' : 'free'

type Plan = Fault | 'lost-reply'

/**
 * The fake Resend as the Worker's outbound fetch, with a fault chosen per request. 'hang' never
 * answers; 'lost-reply' lets Resend accept the batch and then never answers (only the
 * Idempotency-Key keeps the retry from sending it twice). Both end only at the client's timeout.
 */
function installFaultyResend(plan: () => Plan): FakeResend {
  const fake = createFakeResend({ apiKey: 're_test_key' })
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    if (!request.url.startsWith(`${FAKE_RESEND_ORIGIN}/`)) throw new Error(`unexpected network call: ${request.url}`)
    const p = plan()
    // The queue is read synchronously when handle() starts, so this fault is this request's.
    fake.queue.push(p === 'lost-reply' ? 'ok' : p)
    const answer = fake.handle(request)
    if (p !== 'lost-reply') return answer
    await answer
    return new Promise<Response>((_, reject) => {
      const signal = request.signal
      if (signal.aborted) reject(signal.reason)
      signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')))
    })
  })
  return fake
}

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ZONES = [
  'Asia/Hong_Kong',
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'Pacific/Auckland',
]
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** N confirmed subscribers with 1–2 cards whose reminders fall inside the window; deterministic. */
async function seedScenario(n: number, seed: number): Promise<void> {
  const rand = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  for (let i = 0; i < n; i++) {
    const timezone = pick(ZONES)
    const confirmedAt = START - Math.floor(rand() * 3 * 86_400_000)
    const s = await insertSubscriber({
      id: `ft-s${i}`,
      email: `ft-${i}@example.com`,
      locale: pick(['zh-Hant', 'zh-Hans', 'en'] as const),
      timezone,
      status: 'active',
      createdAt: confirmedAt - 60_000,
      confirmedAt,
    })
    const cards = rand() < 0.25 ? 2 : 1
    for (let k = 0; k < cards; k++) {
      const leadDays = [14, 7, 3, 1, 0].filter(() => rand() < 0.45).sort((a, b) => b - a)
      if (leadDays.length === 0) leadDays.push(3)
      const cycleDays = pick([7, 30, 90, null])
      const settings = {
        id: `ft-c${i}-${k}`,
        label: `FT card ${i}-${k}`,
        carrier: pick(['cmhk', '3hk', 'csl', null] as const),
        expiresOn: day(START + Math.floor(-2 + rand() * (DAYS + 8)) * 86_400_000),
        cycleDays,
        leadDays,
        autoRenew: cycleDays !== null && rand() < 0.4,
        balanceCheck: rand() < 0.3 ? ('monthly' as const) : ('none' as const),
      }
      // What the confirm route stores: the app's own scheduling, as of the confirmation.
      const f = scheduleFields(settings, timezone, SEND_HOUR, confirmedAt)
      await insertCard(s.id, {
        ...settings,
        expiresOn: f.expiresOn,
        activeFrom: f.activeFrom,
        nextDueAt: f.nextDueAt,
        createdAt: confirmedAt - 60_000,
        updatedAt: confirmedAt,
      })
    }
  }
}

/** Wraps the D1 binding so that the `failAt`-th call, and every call after it, throws: a run that dies. */
function dyingDb(db: D1Database, failAt: number, state: { calls: number; died: boolean }): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>()
  const tick = () => {
    state.calls++
    if (state.calls >= failAt) {
      state.died = true
      throw new Error('injected fault: this run died')
    }
  }
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args))
        if (prop === 'first' || prop === 'run' || prop === 'all' || prop === 'raw') {
          return async (...args: unknown[]) => {
            tick()
            return (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          }
        }
        const v = Reflect.get(target, prop)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    real.set(proxy, stmt)
    return proxy
  }
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql))
      if (prop === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          tick()
          return target.batch(stmts.map((s) => real.get(s) ?? s))
        }
      }
      if (prop === 'exec') {
        return async (sql: string) => {
          tick()
          return target.exec(sql)
        }
      }
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

interface Fired {
  error: unknown
  stats: RunStats | null
  /** D1 calls the run made (prepare().first/run/all/raw, batch, exec) */
  d1Calls: number
}

async function fire(runEnv: Env, scheduledTime: number, counter: { calls: number }): Promise<Fired> {
  // What scheduled() does with its controller: one runScheduler run with scheduledTime as now.
  const controller = createScheduledController({ scheduledTime, cron: CRON })
  try {
    const stats = await runScheduler(runEnv, { now: controller.scheduledTime, timeoutMs: CLIENT_TIMEOUT_MS })
    return { error: null, stats, d1Calls: counter.calls }
  } catch (error) {
    return { error, stats: null, d1Calls: counter.calls }
  }
}

interface SimStats {
  instants: number
  runs: number
  aborted: number
  unexpectedErrors: string[]
  /** the cron's own log lines (one JSON object per run) */
  logs: Array<Record<string, unknown>>
  /** runs that completed: what they did and how many D1 calls it took */
  completed: Array<{ stats: RunStats; d1Calls: number }>
}

/** Fires the cron hourly over the window (+ drain), twice at once at each instant when `double`. */
async function simulate(opts: {
  double: boolean
  abortOnePerDay: boolean
  rand: () => number
  faultsOn: { value: boolean }
}): Promise<SimStats> {
  const stats: SimStats = { instants: 0, runs: 0, aborted: 0, unexpectedErrors: [], logs: [], completed: [] }
  const hours = DAYS * 24 + DRAIN_HOURS
  // Each simulated day, from a random hour on, one of the two runs dies at a random D1 call (one of
  // its first 1–25); when that run makes fewer calls and survives, the next instant tries again.
  const armAt = new Set<number>()
  if (opts.abortOnePerDay) for (let d = 0; d < DAYS; d++) armAt.add(d * 24 + Math.floor(opts.rand() * 24))
  let armed = false
  // The cron logs one line per run: keep them for the figures, out of the test output.
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    try {
      const v = JSON.parse(String(args[0]))
      if (v && typeof v === 'object') stats.logs.push(v)
    } catch {}
  })
  try {
    for (let h = 0; h < hours; h++) {
      opts.faultsOn.value = h < DAYS * 24
      if (armAt.has(h)) armed = true
      const t = START + h * HOUR
      stats.instants++
      const failAt = armed && opts.faultsOn.value ? 1 + Math.floor(opts.rand() * 25) : undefined
      const state = { calls: 0, died: false }
      const dying = failAt !== undefined
      // Every run's D1 binding counts calls; the dying one also throws from its failAt-th call on.
      const envA: Env = {
        ...(env as Env),
        WORKERS_PLAN: PLAN,
        DB: dyingDb(env.DB, failAt ?? Number.POSITIVE_INFINITY, state),
      }
      const runs = [fire(envA, t, state).then((r) => ({ ...r, dying, state }))]
      if (opts.double) {
        const other = { calls: 0, died: false }
        const envB: Env = { ...(env as Env), WORKERS_PLAN: PLAN, DB: dyingDb(env.DB, Number.POSITIVE_INFINITY, other) }
        runs.push(fire(envB, t, other).then((r) => ({ ...r, dying: false, state: other })))
      }
      stats.runs += runs.length
      for (const r of await Promise.all(runs)) {
        if (r.dying && r.state.died) {
          stats.aborted++
          armed = false
        } else if (r.error) stats.unexpectedErrors.push(String(r.error))
        else if (r.stats) stats.completed.push({ stats: r.stats, d1Calls: r.d1Calls })
      }
    }
  } finally {
    log.mockRestore()
  }
  return stats
}

/** D1 calls per run: the busiest run, an idle run, and the most any run made. */
function d1Figures(runs: Array<{ stats: RunStats; d1Calls: number }>) {
  const busiest = runs.reduce<(typeof runs)[number] | null>(
    (a, r) => (!a || r.stats.due + r.stats.sent > a.stats.due + a.stats.sent ? r : a),
    null,
  )
  const idle = runs.filter((r) => r.stats.due === 0 && r.stats.sent === 0 && r.stats.retried === 0)
  return {
    d1_calls_max_per_run: Math.max(0, ...runs.map((r) => r.d1Calls)),
    d1_calls_idle_run: idle.length ? Math.min(...idle.map((r) => r.d1Calls)) : null,
    busiest_run: busiest
      ? {
          due: busiest.stats.due,
          sent: busiest.stats.sent,
          d1_calls: busiest.d1Calls,
          resend_requests: busiest.stats.subrequests,
          rows_read: busiest.stats.rowsRead,
          ms: busiest.stats.ms,
        }
      : null,
  }
}

type Tally = Map<string, number>
function tally(emails: Array<{ to: string[]; subject: string }>): Tally {
  const m: Tally = new Map()
  for (const e of emails) for (const to of e.to) m.set(`${to} · ${e.subject}`, (m.get(`${to} · ${e.subject}`) ?? 0) + 1)
  return m
}

describe('fault tolerance', () => {
  beforeEach(clearAll)
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it(
    `delivers every due email exactly once: ${SUBSCRIBERS} subscribers, ${DAYS} days, faulty Resend, double fire, aborted runs`,
    async () => {
      // 1. Reference: the same scenario with a healthy Resend and one run per instant.
      await seedScenario(SUBSCRIBERS, SEED)
      const reference = installFaultyResend(() => 'ok')
      const refStats = await simulate({
        double: false,
        abortOnePerDay: false,
        rand: prng(SEED + 1),
        faultsOn: { value: false },
      })
      expect(refStats.unexpectedErrors).toEqual([])
      const expected = tally(reference.emails)
      const expectedCount = reference.emails.length

      // 2. The same scenario again with faults everywhere.
      await clearAll()
      await seedScenario(SUBSCRIBERS, SEED)
      const rand = prng(SEED + 2)
      const faultsOn = { value: true }
      const injected = { status500: 0, status429: 0, hang: 0, lostReply: 0 }
      vi.unstubAllGlobals()
      const faulty = installFaultyResend(() => {
        if (!faultsOn.value) return 'ok'
        const r = rand()
        if (r < 0.2) {
          injected.status500++
          return { status: 500 }
        }
        if (r < 0.3) {
          injected.status429++
          return { status: 429, retryAfterSeconds: rand() < 0.5 ? 1 : 90 }
        }
        if (r < 0.35) {
          // Half of the hangs happen after Resend accepted the batch.
          if (rand() < 0.5) {
            injected.lostReply++
            return 'lost-reply'
          }
          injected.hang++
          return 'hang'
        }
        return 'ok'
      })
      const stats = await simulate({ double: true, abortOnePerDay: true, rand: prng(SEED + 3), faultsOn })
      expect(stats.unexpectedErrors).toEqual([])

      const got = tally(faulty.emails)
      const lost: string[] = []
      const doubled: string[] = []
      const unexpected: string[] = []
      for (const [k, n] of expected) {
        const m = got.get(k) ?? 0
        if (m < n) lost.push(`${k} (${m}/${n})`)
        if (m > n) doubled.push(`${k} (${m}/${n})`)
      }
      for (const k of got.keys()) if (!expected.has(k)) unexpected.push(k)
      const deliveries = await env.DB.prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status').all<{
        status: string
        n: number
      }>()
      const outbox = await env.DB.prepare(
        "SELECT status, count(*) AS n FROM outbox WHERE kind = 'reminder' GROUP BY status",
      ).all<{ status: string; n: number }>()
      const result = {
        subscribers: SUBSCRIBERS,
        days: DAYS,
        seed: SEED,
        instants: stats.instants,
        cron_runs: stats.runs,
        runs_aborted: stats.aborted,
        requests_at_fake: faulty.log.length,
        injected_500: injected.status500,
        injected_429: injected.status429,
        injected_hang: injected.hang,
        injected_hang_after_accept: injected.lostReply,
        expected_emails: expectedCount,
        recipients: new Set(reference.emails.flatMap((e) => e.to)).size,
        delivered_emails: faulty.emails.length,
        lost: lost.length,
        doubled: doubled.length,
        unexpected: unexpected.length,
        max_subrequests_per_run: Math.max(0, ...stats.logs.map((l) => Number(l.subrequests ?? 0))),
        ...d1Figures(stats.completed),
        cron_sent_total: stats.logs.reduce((a, l) => a + Number(l.sent ?? 0), 0),
        cron_failed_total: stats.logs.reduce((a, l) => a + Number(l.failed ?? 0), 0),
        deliveries: Object.fromEntries(deliveries.results.map((r) => [r.status, r.n])),
        outbox: Object.fromEntries(outbox.results.map((r) => [r.status, r.n])),
      }
      console.log(`BENCH_RESULT ${JSON.stringify(result)}`)
      expect(expectedCount).toBeGreaterThan(0)
      expect({ lost, doubled, unexpected }).toEqual({ lost: [], doubled: [], unexpected: [] })
      expect(stats.aborted).toBeGreaterThan(0)
    },
    TIMEOUT_MS,
  )
})

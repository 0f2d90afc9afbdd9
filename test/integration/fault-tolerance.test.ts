// Fault tolerance: a faulty Resend (500s, 429s, hangs), the cron fired twice at every instant and
// runs aborted at random D1 calls; over simulated days every due email arrives exactly once. The same
// again on the Queues send path: consumers killed mid-batch, messages redelivered, 429 storms.

import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunStats } from '../../src/cron/context'
import { runScheduler } from '../../src/cron/run'
import { scheduleFields } from '../../src/domain/activation'
import type { SendMessage } from '../../src/domain/send-message'
import type { Env } from '../../src/env'
import worker from '../../src/index'
import { createFakeResend, type FakeResend, type Fault } from '../fakes/resend'
import { FAKE_RESEND_ORIGIN } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { watchD1 } from '../helpers/watch-d1'

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
  return watchD1(db, {
    before: () => {
      state.calls++
      if (state.calls >= failAt) {
        state.died = true
        throw new Error('injected fault: this run died')
      }
    },
  })
}

/** Queues' max_retries in wrangler.toml: after this many failed attempts a message goes to the dead-letter queue. */
const MAX_RETRIES = 10
/** wrangler.toml's max_batch_size. */
const QUEUE_BATCH = 10

interface Queued {
  id: string
  body: SendMessage
  attempts: number
  /** simulated time at which Queues delivers it (retry delaySeconds) */
  visibleAt: number
  enqueuedAt: number
}

interface QueueFaults {
  killed: number
  redelivered: number
  concurrent: number
  deadLettered: number
  retried: number
  consumerRuns: number
}

interface FaultyQueue {
  binding: Queue<SendMessage>
  /** the simulated time the cron runs at: what it enqueues now is stamped with it */
  at: (t: number) => void
  /** the consumer's turn at simulated time `t`: batches of 10 until nothing visible is left */
  deliver: (t: number, faulty: boolean, errors: string[]) => Promise<void>
  faults: QueueFaults
}

/**
 * SEND_QUEUE as Queues runs it (at least once, batches of 10, retry with delaySeconds, a dead-letter queue
 * after 10 retries), delivering to the Worker's own `queue` handler, with faults while `faulty`: a consumer
 * killed at a random D1 call mid-batch (the whole batch comes back, acks included), an acked message
 * delivered again, a batch delivered to two consumers at once, and a batch dead-lettered whatever it did.
 */
function faultyQueue(rand: () => number): FaultyQueue {
  const waiting: Queued[] = []
  const faults: QueueFaults = { killed: 0, redelivered: 0, concurrent: 0, deadLettered: 0, retried: 0, consumerRuns: 0 }
  let simNow = 0
  let seq = 0
  const push = (body: SendMessage) =>
    waiting.push({ id: `q${seq++}`, body, attempts: 0, visibleAt: simNow, enqueuedAt: simNow })
  const binding = {
    async send(body: SendMessage) {
      push(body)
    },
    async sendBatch(messages: Iterable<{ body: SendMessage }>) {
      for (const m of messages) push(m.body)
    },
  } as unknown as Queue<SendMessage>

  /** One consumer invocation; the ack, retry (with its delay) or nothing recorded for each message. */
  async function consume(msgs: Queued[], t: number, runEnv: Env) {
    faults.consumerRuns++
    const batch = createMessageBatch<SendMessage>(
      'simkeep-send',
      // The consumer's clock is plannedAt plus the time in the queue: map simulated time onto it.
      msgs.map((m) => ({ id: m.id, timestamp: Date.now() - (t - m.enqueuedAt), attempts: m.attempts, body: m.body })),
    )
    const delays = new Map<string, number | undefined>()
    for (const m of batch.messages) {
      const retry = m.retry.bind(m)
      m.retry = (options?: QueueRetryOptions) => {
        delays.set(m.id, options?.delaySeconds)
        retry(options)
      }
    }
    const ctx = createExecutionContext()
    let threw = false
    try {
      await worker.queue(batch as MessageBatch<unknown>, runEnv, ctx)
    } catch {
      threw = true
    }
    const result = await getQueueResult(batch, ctx)
    return { threw, result, delays }
  }

  async function deliver(t: number, faulty: boolean, errors: string[]) {
    simNow = t
    for (let round = 0; round < 500; round++) {
      const visible = waiting.filter((m) => m.visibleAt <= t).slice(0, QUEUE_BATCH)
      if (visible.length === 0) return
      for (const m of visible) waiting.splice(waiting.indexOf(m), 1)
      for (const m of visible) m.attempts++
      const kill = faulty && rand() < 0.15
      const state = { calls: 0, died: false }
      const runEnv: Env = {
        ...(env as Env),
        WORKERS_PLAN: PLAN,
        DB: kill ? dyingDb(env.DB, 1 + Math.floor(rand() * 30), state) : env.DB,
      }
      const twin = faulty && !kill && rand() < 0.05
      const [main, other] = await Promise.all([
        consume(visible, t, runEnv),
        twin ? consume(visible, t, { ...(env as Env), WORKERS_PLAN: PLAN }) : null,
      ])
      if (twin) faults.concurrent++
      if (other?.threw || (main.threw && !kill)) errors.push('the queue handler threw')
      if (faulty && rand() < 0.02) {
        // Dies for good (its retries used up): the batch goes to the dead-letter queue, whatever it did.
        faults.deadLettered += visible.length
        continue
      }
      if (kill && state.died) {
        // Killed: Queues never hears back, so the whole batch is delivered again, acks included.
        faults.killed++
        for (const m of visible) requeue(m, t)
        continue
      }
      const retried = new Set(main.result.retryMessages.map((r) => r.msgId))
      for (const m of visible) {
        if (main.result.retryBatch.retry || retried.has(m.id)) {
          faults.retried++
          requeue(m, t + (main.delays.get(m.id) ?? 0) * 1000)
        } else if (faulty && rand() < 0.1) {
          // At least once: an acked message comes again.
          faults.redelivered++
          waiting.push({ ...m, id: `${m.id}r`, attempts: 0, visibleAt: t })
        }
      }
    }
  }

  function requeue(m: Queued, at: number) {
    if (m.attempts > MAX_RETRIES) {
      // The dead-letter queue: nobody consumes it here; the cron sends what the outbox still holds.
      faults.deadLettered++
      return
    }
    waiting.push({ ...m, visibleAt: at })
  }

  return {
    binding,
    at: (t) => {
      simNow = t
    },
    deliver,
    faults,
  }
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
  /** the Queues path: SEND_QUEUE for every run, and the consumer's turn after each instant */
  queue?: FaultyQueue
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
      opts.queue?.at(t)
      const withQueue = opts.queue ? { SEND_QUEUE: opts.queue.binding } : {}
      const envA: Env = {
        ...(env as Env),
        ...withQueue,
        WORKERS_PLAN: PLAN,
        DB: dyingDb(env.DB, failAt ?? Number.POSITIVE_INFINITY, state),
      }
      const runs = [fire(envA, t, state).then((r) => ({ ...r, dying, state }))]
      if (opts.double) {
        const other = { calls: 0, died: false }
        const envB: Env = {
          ...(env as Env),
          ...withQueue,
          WORKERS_PLAN: PLAN,
          DB: dyingDb(env.DB, Number.POSITIVE_INFINITY, other),
        }
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
      if (opts.queue) await opts.queue.deliver(t, opts.faultsOn.value, stats.unexpectedErrors)
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

/**
 * Each reminder (address, card, kind, occurrence) whose email Resend accepted, as D1 records it: the
 * delivery emailed, its email sent. Card labels, not ids, so that two seeds of the same scenario compare.
 */
async function sentReminders(): Promise<Tally> {
  const { results } = await env.DB.prepare(
    `SELECT s.email, c.label, d.kind, d.expires_on, d.lead_day, d.due_at FROM deliveries d
     JOIN subscribers s ON s.id = d.subscriber_id JOIN cards c ON c.id = d.card_id
     JOIN outbox o ON o.id = d.outbox_id
     WHERE d.status = 'emailed' AND o.status = 'sent'`,
  ).all<Record<string, string | number | null>>()
  const m: Tally = new Map()
  for (const r of results) {
    const key = [r.email, r.label, r.kind, r.expires_on, r.lead_day, r.due_at].join(' · ')
    m.set(key, (m.get(key) ?? 0) + 1)
  }
  return m
}

/** Every sent email per recipient and subject, as D1 records it. */
async function sentEmails(): Promise<Tally> {
  const { results } = await env.DB.prepare("SELECT to_email, subject FROM outbox WHERE status = 'sent'").all<{
    to_email: string
    subject: string
  }>()
  return tally(results.map((r) => ({ to: [r.to_email], subject: r.subject })))
}

/**
 * The faulty run against the reference, and the figures the bench prints. Two runs fired at once may
 * split an address's cards due together between them (each plans what it reached first, and each run
 * sends one email an address), so an email's grouping may differ from the reference's; what must not
 * differ is which reminders reached whom, once each:
 * - lost: a reminder the reference sent that the faulty run did not (as D1 records it), or an email D1
 *   records sent more often than Resend accepted it;
 * - doubled: a reminder sent more often than in the reference, or an email Resend accepted more often
 *   than D1 records it sent (a second acceptance of one email, or one D1 never marked): so the fake's
 *   accepted emails equal D1's sent ones, recipient and subject;
 * - regrouped (a figure, not a failure): subjects the reference never sent, i.e. emails grouped otherwise.
 */
async function outcome(
  reference: Reference,
  faulty: FakeResend,
  stats: SimStats,
  injected: Record<string, number>,
  extra: Record<string, unknown> = {},
) {
  const expected = reference.reminders
  const got = await sentReminders()
  const lost: string[] = []
  const doubled: string[] = []
  for (const [k, n] of expected) {
    const m = got.get(k) ?? 0
    if (m < n) lost.push(`${k} (${m}/${n})`)
  }
  for (const [k, m] of got) if (m > (expected.get(k) ?? 0)) doubled.push(`${k} (${m}/${expected.get(k) ?? 0})`)
  const accepted = tally(faulty.emails)
  const recorded = await sentEmails()
  for (const k of new Set([...accepted.keys(), ...recorded.keys()])) {
    const a = accepted.get(k) ?? 0
    const r = recorded.get(k) ?? 0
    if (a > r) doubled.push(`${k}: accepted by Resend ${a}, sent in D1 ${r}`)
    if (a < r) lost.push(`${k}: accepted by Resend ${a}, sent in D1 ${r}`)
  }
  const referenceSubjects = tally(reference.fake.emails)
  const regrouped = [...accepted.keys()].filter((k) => !referenceSubjects.has(k))
  const deliveries = await env.DB.prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status').all<{
    status: string
    n: number
  }>()
  const outbox = await env.DB.prepare(
    "SELECT status, count(*) AS n FROM outbox WHERE kind = 'reminder' GROUP BY status",
  ).all<{ status: string; n: number }>()
  const cronLogs = stats.logs.filter((l) => l.event === 'cron_run')
  const queueLogs = stats.logs.filter((l) => l.event === 'queue_run')
  const figures = {
    subscribers: SUBSCRIBERS,
    days: DAYS,
    seed: SEED,
    instants: stats.instants,
    cron_runs: stats.runs,
    runs_aborted: stats.aborted,
    requests_at_fake: faulty.log.length,
    ...injected,
    ...extra,
    expected_emails: reference.fake.emails.length,
    expected_reminders: [...expected.values()].reduce((a, n) => a + n, 0),
    recipients: new Set(reference.fake.emails.flatMap((e) => e.to)).size,
    delivered_emails: faulty.emails.length,
    delivered_reminders: [...got.values()].reduce((a, n) => a + n, 0),
    lost: lost.length,
    doubled: doubled.length,
    regrouped: regrouped.length,
    max_subrequests_per_run: Math.max(0, ...cronLogs.map((l) => Number(l.subrequests ?? 0))),
    ...d1Figures(stats.completed),
    cron_sent_total: cronLogs.reduce((a, l) => a + Number(l.sent ?? 0), 0),
    cron_failed_total: cronLogs.reduce((a, l) => a + Number(l.failed ?? 0), 0),
    ...(queueLogs.length ? { consumer_sent_total: queueLogs.reduce((a, l) => a + Number(l.sent ?? 0), 0) } : {}),
    deliveries: Object.fromEntries(deliveries.results.map((r) => [r.status, r.n])),
    outbox: Object.fromEntries(outbox.results.map((r) => [r.status, r.n])),
  }
  return { figures, lost, doubled }
}

/** The fault-free run: what Resend accepted, and which reminders D1 records as sent. */
interface Reference {
  fake: FakeResend
  reminders: Tally
}

/**
 * The reference: the scenario on the same send path with a healthy Resend (and queue), one run per
 * instant, no aborts. (The paths may group an address's reminders differently: on the Free plan the cron
 * alone plans 20 cards a run, with the queue 100, so two cards due at once can share an email on one
 * path and not on the other.)
 */
async function referenceRun(queue?: FaultyQueue): Promise<Reference> {
  await seedScenario(SUBSCRIBERS, SEED)
  const reference = installFaultyResend(() => 'ok')
  const refStats = await simulate({
    double: false,
    abortOnePerDay: false,
    rand: prng(SEED + 1),
    faultsOn: { value: false },
    ...(queue ? { queue } : {}),
  })
  expect(refStats.unexpectedErrors).toEqual([])
  expect(reference.emails.length).toBeGreaterThan(0)
  const reminders = await sentReminders()
  // The reference's own record agrees with what Resend accepted.
  expect(tally(reference.emails)).toEqual(await sentEmails())
  await clearAll()
  vi.unstubAllGlobals()
  await seedScenario(SUBSCRIBERS, SEED)
  return { fake: reference, reminders }
}

describe('fault tolerance', () => {
  beforeEach(clearAll)
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it(
    `delivers every due email exactly once: ${SUBSCRIBERS} subscribers, ${DAYS} days, faulty Resend, double fire, aborted runs`,
    async () => {
      const reference = await referenceRun()
      // The same scenario again with faults everywhere.
      const rand = prng(SEED + 2)
      const faultsOn = { value: true }
      const injected = { injected_500: 0, injected_429: 0, injected_hang: 0, injected_hang_after_accept: 0 }
      const faulty = installFaultyResend(() => {
        if (!faultsOn.value) return 'ok'
        const r = rand()
        if (r < 0.2) {
          injected.injected_500++
          return { status: 500 }
        }
        if (r < 0.3) {
          injected.injected_429++
          return { status: 429, retryAfterSeconds: rand() < 0.5 ? 1 : 90 }
        }
        if (r < 0.35) {
          // Half of the hangs happen after Resend accepted the batch.
          if (rand() < 0.5) {
            injected.injected_hang_after_accept++
            return 'lost-reply'
          }
          injected.injected_hang++
          return 'hang'
        }
        return 'ok'
      })
      const stats = await simulate({ double: true, abortOnePerDay: true, rand: prng(SEED + 3), faultsOn })
      expect(stats.unexpectedErrors).toEqual([])
      const { figures, lost, doubled } = await outcome(reference, faulty, stats, injected)
      console.log(`BENCH_RESULT ${JSON.stringify({ path: 'cron', ...figures })}`)
      expect({ lost, doubled }).toEqual({ lost: [], doubled: [] })
      expect(stats.aborted).toBeGreaterThan(0)
    },
    TIMEOUT_MS,
  )

  it(
    `on the Queues path too: ${SUBSCRIBERS} subscribers, ${DAYS} days, consumers killed mid-batch, redelivered messages, 429 storms`,
    async () => {
      const reference = await referenceRun(faultyQueue(prng(SEED + 6)))
      const rand = prng(SEED + 4)
      const faultsOn = { value: true }
      const injected = { injected_500: 0, injected_429: 0, injected_429_storms: 0, injected_lost_reply: 0 }
      // A storm: several requests in a row answered 429 (retry-after 1 s, or 200 s: longer than the
      // invocation, so the consumer hands the wait to Queues).
      let storm = 0
      let stormRetryAfter = 1
      const faulty = installFaultyResend(() => {
        if (!faultsOn.value) return 'ok'
        if (storm === 0 && rand() < 0.06) {
          storm = 2 + Math.floor(rand() * 5)
          stormRetryAfter = rand() < 0.25 ? 200 : 1
          injected.injected_429_storms++
        }
        if (storm > 0) {
          storm--
          injected.injected_429++
          return { status: 429, retryAfterSeconds: stormRetryAfter }
        }
        const r = rand()
        if (r < 0.1) {
          injected.injected_500++
          return { status: 500 }
        }
        if (r < 0.15) {
          // Resend accepts the batch and the answer is lost: only the Idempotency-Key prevents a double.
          injected.injected_lost_reply++
          return 'lost-response'
        }
        return 'ok'
      })
      const queue = faultyQueue(prng(SEED + 5))
      const stats = await simulate({ double: true, abortOnePerDay: true, rand: prng(SEED + 3), faultsOn, queue })
      expect(stats.unexpectedErrors).toEqual([])
      const { figures, lost, doubled } = await outcome(reference, faulty, stats, injected, {
        consumer_runs: queue.faults.consumerRuns,
        consumers_killed: queue.faults.killed,
        messages_redelivered: queue.faults.redelivered,
        batches_to_two_consumers: queue.faults.concurrent,
        messages_retried: queue.faults.retried,
        messages_dead_lettered: queue.faults.deadLettered,
      })
      console.log(`BENCH_RESULT ${JSON.stringify({ path: 'queues', ...figures })}`)
      expect({ lost, doubled }).toEqual({ lost: [], doubled: [] })
      expect(queue.faults.killed).toBeGreaterThan(0)
      expect(queue.faults.redelivered).toBeGreaterThan(0)
      expect(injected.injected_429_storms).toBeGreaterThan(0)
      expect(queue.faults.deadLettered).toBeGreaterThan(0)
    },
    TIMEOUT_MS,
  )
})

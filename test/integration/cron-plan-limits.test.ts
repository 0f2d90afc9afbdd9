// Per-plan run limits (WORKERS_PLAN): the Free plan's email cap, the Paid plan's larger runs, lease size,
// and a `stopped` reason for every limit that leaves work for the next run (null when none did).
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunStats } from '../../src/cron/context'
import { PLAN_LIMITS } from '../../src/cron/limits'
import { runScheduler } from '../../src/cron/run'
import { fire, rows, run } from '../helpers/cron'
import { CONFIRMED, DUE, dueSubscribers, recipients } from '../helpers/due-addresses'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber, queuedConfirmations } from '../helpers/fixtures'

const MIN = 60_000
const FREE_CAP = PLAN_LIMITS.free.maxEmails

beforeEach(clearAll)

/** Fires the real scheduled handler (plan defaults, no test limits) and returns its cron_run log line. */
async function fireLogged(time: number): Promise<RunStats> {
  const log = vi.spyOn(console, 'log')
  log.mockClear()
  await fire(time)
  const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"event":"cron_run"'))
  expect(lines).toHaveLength(1)
  return JSON.parse(lines[0] as string)
}

describe('Free plan (WORKERS_PLAN unset)', () => {
  it('a run sends at most the email cap, logs stopped: emails, and the next run sends the rest once', async () => {
    expect(env.WORKERS_PLAN).toBeUndefined()
    const fake = installFakeResend()
    const subs = await dueSubscribers(FREE_CAP + 7)

    const first = await fireLogged(DUE)
    // Planning is capped like rendering (both cost CPU): the other 7 cards stay due for the next run.
    expect(first).toMatchObject({ due: FREE_CAP, rendered: FREE_CAP, sent: FREE_CAP, stopped: 'emails' })
    expect(fake.emails).toHaveLength(FREE_CAP)
    const left = await rows<{ n: number }>('SELECT count(*) AS n FROM cards WHERE next_due_at <= ?1', DUE)
    expect(left[0]?.n).toBe(7)

    const second = await fireLogged(DUE + 15 * MIN)
    expect(second).toMatchObject({ due: 7, rendered: 7, sent: 7, stopped: null })
    // Everyone exactly once: no address twice, none missing.
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())

    const third = await fireLogged(DUE + 30 * MIN)
    expect(third).toMatchObject({ rendered: 0, sent: 0, stopped: null })
    expect(fake.emails).toHaveLength(FREE_CAP + 7)
  })

  it('exactly the cap due is all the work: stopped stays null', async () => {
    const fake = installFakeResend()
    await dueSubscribers(FREE_CAP)
    const { stats } = await run(DUE)
    expect(stats).toMatchObject({ rendered: FREE_CAP, sent: FREE_CAP, stopped: null })
    expect(fake.emails).toHaveLength(FREE_CAP)
  })
})

describe('fair planning', () => {
  it('20 cards due for one address in UTC+14 do not keep a UTC+8 address from its reminder in a Free run', async () => {
    expect(env.WORKERS_PLAN).toBeUndefined()
    const fake = installFakeResend()
    // 09:00 in Kiritimati on 24 Jan is 19:00 UTC on the 23rd: all 20 cards are due 6 hours before Hong Kong's.
    const many = await insertSubscriber({ timezone: 'Pacific/Kiritimati' })
    for (let i = 0; i < 20; i++) {
      await insertScheduledCard(many, { expiresOn: '2027-01-31', leadDays: [7], label: `Card ${i}` }, CONFIRMED)
    }
    const one = await insertSubscriber({ timezone: 'Asia/Hong_Kong' })
    await insertScheduledCard(one, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)

    // Both overdue (a missed run): one Free-plan run, plan defaults.
    const first = await fireLogged(DUE + 60 * MIN)
    expect(first).toMatchObject({ due: FREE_CAP, sent: 2, stopped: 'emails' })
    expect(recipients(fake)).toEqual([many.email, one.email].sort())
    // The heavy address still got one email with every card that fitted (19 of its 20).
    const toMany = fake.emails.find((e) => e.to[0] === many.email)
    expect(toMany?.text?.match(/Card \d+/g)?.length).toBe(FREE_CAP - 1)

    // Its last card goes out in the next run; nothing twice.
    const second = await fireLogged(DUE + 75 * MIN)
    expect(second).toMatchObject({ due: 1, sent: 1, stopped: null })
    expect(fake.emails.map((e) => e.to[0])).toEqual(expect.arrayContaining([many.email, one.email, many.email]))
    expect(fake.emails).toHaveLength(3)
  })

  it('pages through cards due at the same instant without missing or repeating one', async () => {
    const fake = installFakeResend()
    const subs = []
    for (let i = 0; i < 5; i++) {
      const s = await insertSubscriber()
      for (let j = 0; j < 3; j++) await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
      subs.push(s)
    }
    // Pages of 2: the first walk passes over two cards of every address, the second comes back for them.
    const { stats } = await run(DUE, { pageSize: 2, maxEmails: 100 })
    expect(stats).toMatchObject({ due: 15, sent: 5, stopped: null })
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    expect(fake.emails.every((e) => (e.text?.match(/CMHK/g) ?? []).length >= 3)).toBe(true)
  })
})

describe('Paid plan (WORKERS_PLAN=paid)', () => {
  const paidEnv = () => ({ ...env, WORKERS_PLAN: 'paid' })

  it('sends a backlog far above the Free cap in one run, stopped null', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(150)
    const stats = await runScheduler(paidEnv(), { now: DUE })
    expect(stats).toMatchObject({ due: 150, rendered: 150, sent: 150, stopped: null })
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    expect(fake.log.map((l) => l.count)).toEqual([100, 50])
    const again = await runScheduler(paidEnv(), { now: DUE + 15 * MIN })
    expect(again).toMatchObject({ sent: 0, stopped: null })
    expect(fake.emails).toHaveLength(150)
  })

  it('leases at most 20 batches at a time, and still sends them all in one run', async () => {
    const fake = installFakeResend()
    await queuedConfirmations(25, DUE - MIN)
    // At the network edge: when the first request arrives, count what this run holds leased.
    let leasedAtFirstRequest: number | null = null
    const toFake = globalThis.fetch
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (leasedAtFirstRequest === null) {
        const held = await rows<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE lease_id IS NOT NULL')
        leasedAtFirstRequest = held[0]?.n ?? 0
      }
      return toFake(input, init)
    })
    const stats = await runScheduler(paidEnv(), { now: DUE })
    expect(leasedAtFirstRequest).toBe(20)
    expect(stats).toMatchObject({ sent: 25, subrequests: 25, stopped: null })
    expect(fake.emails).toHaveLength(25)
  })
})

describe('stopped names the limit that left work behind', () => {
  it('d1_calls: the D1-call cap cut planning short; later runs send everyone once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(5)
    // Two cards per planning page: after the first page the next would pass 12 D1 calls with sending's reserve.
    const first = await run(DUE, { maxD1Calls: 12, pageSize: 2 })
    expect(first.stats.stopped).toBe('d1_calls')
    expect(first.stats.d1Calls).toBeLessThanOrEqual(12)
    expect(first.stats.due).toBe(2)
    expect(fake.emails).toHaveLength(0)
    await fire(DUE + 15 * MIN)
    await fire(DUE + 30 * MIN)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
  })

  it('budget: a run out of wall time before it starts says so and sends nothing', async () => {
    const fake = installFakeResend()
    await dueSubscribers(2)
    const { stats } = await run(DUE, { budgetMs: 0 })
    expect(stats).toMatchObject({ due: 0, sent: 0, stopped: 'budget' })
    expect(fake.emails).toHaveLength(0)
  })

  it('null: a run that used every request it was allowed but left nothing waiting', async () => {
    const fake = installFakeResend()
    await queuedConfirmations(2, DUE - MIN)
    const { stats } = await run(DUE, { maxSubrequests: 2 })
    expect(stats).toMatchObject({ sent: 2, subrequests: 2, stopped: null })
    expect(fake.emails).toHaveLength(2)
  })
})

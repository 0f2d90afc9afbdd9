// Exactly-once delivery under trouble: double fires, overlapping runs, crashes, lost answers,
// 429/5xx/hangs, per-email validation errors, quota, and the per-run budget.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_ATTEMPTS } from '../../src/mail/send-batches'
import { fire, rows, run } from '../helpers/cron'
import { DUE, dueSubscribers, recipients } from '../helpers/due-addresses'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, queuedConfirmations } from '../helpers/fixtures'

const MIN = 60_000

beforeEach(clearAll)

async function outboxStatuses() {
  return (await rows<{ status: string }>('SELECT status FROM outbox ORDER BY status')).map((r) => r.status)
}

describe('runs that meet each other', () => {
  it('two runs at once (same scheduledTime) send each email once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(5)
    await Promise.all([fire(DUE), fire(DUE)])
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
  })

  it('overlapping runs a minute apart send each email once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(5)
    await Promise.all([fire(DUE), fire(DUE + MIN), fire(DUE + 2 * MIN)])
    await fire(DUE + 15 * MIN)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
  })
})

describe('a run that dies', () => {
  it('after claiming: the next run sends what is unsent, once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3)
    await expect(
      run(DUE, {
        onStage: (stage) => {
          if (stage === 'claimed') throw new Error('worker killed')
        },
      }),
    ).rejects.toThrow('worker killed')
    expect(fake.emails).toHaveLength(0)
    // Another run while the claim is still held does not take it…
    await fire(DUE + MIN)
    expect(fake.emails).toHaveLength(0)
    // …and the next one after it lapsed does.
    await fire(DUE + 15 * MIN)
    await fire(DUE + 30 * MIN)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
  })

  it('after rendering, before sending: the next run sends the stored emails once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3)
    await expect(
      run(DUE, {
        onStage: (stage) => {
          if (stage === 'rendered') throw new Error('worker killed')
        },
      }),
    ).rejects.toThrow()
    expect(fake.emails).toHaveLength(0)
    await fire(DUE + 15 * MIN)
    await fire(DUE + 30 * MIN)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
  })

  it('when Resend accepted but the answer was lost: the retry reuses key and body, no duplicate', async () => {
    const fake = installFakeResend()
    fake.queue.push('lost-response')
    const subs = await dueSubscribers(2)
    await fire(DUE)
    expect(fake.emails).toHaveLength(2)
    expect(await outboxStatuses()).toEqual(['pending', 'pending'])
    await fire(DUE + 15 * MIN)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    expect(fake.log.map((l) => l.status)).toEqual(['lost', 200])
    expect(fake.log[0]?.key).toBe(fake.log[1]?.key)
    expect(await outboxStatuses()).toEqual(['sent', 'sent'])
  })
})

describe('Resend answers', () => {
  it('429 then success: honours retry-after within the run', async () => {
    const fake = installFakeResend()
    fake.queue.push({ status: 429, retryAfterSeconds: 2 })
    await dueSubscribers(1)
    const { slept, stats } = await run(DUE)
    expect(slept).toContain(2000)
    expect(fake.emails).toHaveLength(1)
    expect(fake.log.map((l) => l.status)).toEqual([429, 200])
    expect(stats.sent).toBe(1)
  })

  it('429 with a retry-after longer than the run: waits for the next run', async () => {
    const fake = installFakeResend()
    fake.queue.push({ status: 429, retryAfterSeconds: 600 })
    await dueSubscribers(1)
    const first = await run(DUE)
    expect(first.slept).toEqual([])
    expect(fake.emails).toHaveLength(0)
    // Not before retry-after has passed…
    await run(DUE + 5 * MIN)
    expect(fake.log).toHaveLength(1)
    await run(DUE + 15 * MIN)
    expect(fake.emails).toHaveLength(1)
  })

  it('repeated 500s: retried across runs with backoff, then marked failed and logged', async () => {
    const fake = installFakeResend({ faults: () => ({ status: 500 }) })
    await dueSubscribers(1)
    const errors = vi.spyOn(console, 'error')
    let t = DUE
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
      await run(t)
      t += 12 * 3_600_000
    }
    expect(fake.log).toHaveLength(MAX_ATTEMPTS)
    expect(fake.emails).toHaveLength(0)
    const [row] = await rows<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox')
    expect(row).toEqual({ status: 'failed', attempts: MAX_ATTEMPTS })
    expect(errors.mock.calls.some((c) => String(c[0]).includes('"event":"mail_failed"'))).toBe(true)
  })

  it('backs off: a second attempt only after the delay, not on the next run at once', async () => {
    const fake = installFakeResend()
    fake.queue.push({ status: 500 }, { status: 500 })
    await dueSubscribers(1)
    await run(DUE)
    await run(DUE + 30_000)
    expect(fake.log).toHaveLength(1)
    await run(DUE + 15 * MIN)
    await run(DUE + 30 * MIN)
    expect(fake.log.map((l) => l.status)).toEqual([500, 500, 200])
    expect(fake.emails).toHaveLength(1)
  })

  it('a hung request times out and is retried in a later run', async () => {
    const fake = installFakeResend()
    fake.queue.push('hang')
    await dueSubscribers(1)
    const first = await run(DUE, { timeoutMs: 200 })
    expect(first.stats.retried).toBe(1)
    expect(fake.emails).toHaveLength(0)
    await run(DUE + 15 * MIN)
    expect(fake.emails).toHaveLength(1)
  })

  it('a per-email validation error fails only that email', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3, { email: (i) => (i === 1 ? 'not-an-address' : `ok${i}@example.com`) })
    await fire(DUE)
    await fire(DUE + 15 * MIN)
    expect(fake.log).toHaveLength(1)
    expect(recipients(fake)).toEqual(['ok0@example.com', 'ok2@example.com'])
    const failed = await rows<{ to_email: string; last_error: string }>(
      "SELECT to_email, last_error FROM outbox WHERE status = 'failed'",
    )
    expect(failed.map((f) => f.to_email)).toEqual([subs[1]?.email])
    expect(failed[0]?.last_error).toMatch(/to/)
  })

  it('a quota error ends the run; the rest waits for a later run', async () => {
    const fake = installFakeResend()
    fake.queue.push({ status: 429, quota: 'daily' })
    await queuedConfirmations(3, DUE - MIN)
    const first = await run(DUE)
    expect(first.stats.stopped).toBe('quota')
    expect(fake.log).toHaveLength(1)
    expect(await outboxStatuses()).toEqual(['pending', 'pending', 'pending'])
    await run(DUE + 15 * MIN)
    expect(fake.emails).toHaveLength(3)
  })

  it('a refused API key stops the run and keeps every email pending, attempts uncounted', async () => {
    const fake = installFakeResend({ apiKey: 're_some_other_key' })
    await dueSubscribers(2)
    const errors = vi.spyOn(console, 'error')
    const first = await run(DUE)
    expect(first.stats.stopped).toBe('unauthorized')
    expect(fake.log.map((l) => l.status)).toEqual([401])
    const left = await rows<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox')
    expect(left).toEqual([
      { status: 'pending', attempts: 0 },
      { status: 'pending', attempts: 0 },
    ])
    expect(errors.mock.calls.some((c) => String(c[0]).includes('"reason":"unauthorized"'))).toBe(true)
  })

  it('stays within the subrequest budget; what does not fit waits', async () => {
    const fake = installFakeResend()
    await queuedConfirmations(5, DUE - MIN)
    const first = await run(DUE, { maxSubrequests: 2 })
    expect(first.stats.subrequests).toBe(2)
    expect(first.stats.stopped).toBe('subrequests')
    expect(fake.log).toHaveLength(2)
    await run(DUE + 15 * MIN, { maxSubrequests: 2 })
    await run(DUE + 30 * MIN, { maxSubrequests: 2 })
    expect(fake.emails).toHaveLength(5)
    expect(fake.log).toHaveLength(5)
  })

  it('stays within the D1 calls per invocation; what does not fit waits', async () => {
    const fake = installFakeResend()
    await queuedConfirmations(10, DUE - MIN)
    const first = await run(DUE, { maxD1Calls: 12 })
    expect(first.stats.d1Calls).toBeLessThanOrEqual(12)
    expect(first.stats.stopped).toBe('d1_calls')
    expect(fake.emails.length).toBeGreaterThan(0)
    expect(fake.emails.length).toBeLessThan(10)
    await run(DUE + 15 * MIN, { maxD1Calls: 12 })
    await run(DUE + 30 * MIN, { maxD1Calls: 12 })
    expect(fake.emails).toHaveLength(10)
  })

  it('paces by ratelimit-remaining/reset instead of running into 429s', async () => {
    const fake = installFakeResend({ rateLimit: 2, rateWindowMs: 1000 })
    await queuedConfirmations(5, DUE - MIN)
    const { slept } = await run(DUE, { realSleep: true })
    expect(fake.emails).toHaveLength(5)
    expect(fake.log.every((l) => l.status === 200)).toBe(true)
    expect(slept.length).toBeGreaterThan(0)
  })

  it('sends up to 100 emails per batch request', async () => {
    const fake = installFakeResend()
    await dueSubscribers(120)
    // All 120 rendered in one run (above the Free plan's email cap), to see how they are batched.
    const { stats } = await run(DUE, { maxEmails: 120 })
    expect(fake.emails).toHaveLength(120)
    expect(fake.log.map((l) => l.count)).toEqual([100, 20])
    expect(stats.d1Calls).toBeLessThan(50)
    expect(new Set(fake.log.map((l) => l.key)).size).toBe(2)
  })
})

describe('the run log', () => {
  it('writes one structured JSON line per run', async () => {
    installFakeResend()
    await dueSubscribers(2)
    const log = vi.spyOn(console, 'log')
    await fire(DUE)
    const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"event":"cron_run"'))
    expect(lines).toHaveLength(1)
    const entry = JSON.parse(lines[0] as string)
    expect(entry).toMatchObject({ due: 2, sent: 2, skipped: 0, failed: 0, retried: 0, subrequests: 1 })
    expect(entry.rowsRead).toBeGreaterThan(0)
    expect(typeof entry.ms).toBe('number')
  })
})

// Emails the cron stores already held by the run that rendered them: a slow run leases them again before
// sending, and what a run stops short of sending waits out its hold and goes with a later run, once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunStats } from '../../src/cron/context'
import { STORED_LEASE_MARGIN_MS } from '../../src/cron/send'
import { LEASE_MS } from '../../src/mail/outbox'
import { rows, run } from '../helpers/cron'
import { DUE, dueSubscribers, recipients } from '../helpers/due-addresses'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll } from '../helpers/fixtures'

const MIN = 60_000

beforeEach(clearAll)
afterEach(() => {
  vi.restoreAllMocks()
})

/** Wall time as the runs see it, moved on by `skew.ms` (a run's clock is its scheduledTime plus wall time). */
function skewedWallClock() {
  const real = Date.now.bind(Date)
  const skew = { ms: 0 }
  vi.spyOn(Date, 'now').mockImplementation(() => real() + skew.ms)
  return skew
}

describe('emails stored held by the run that rendered them', () => {
  it('a run whose clock passed the margin between store and send leases them again; a later run cannot take them', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3)
    const skew = skewedWallClock()
    // By the time the run sends, the store's lease has a minute left: less than the margin, not yet lapsed.
    const stalled = LEASE_MS - MIN
    expect(LEASE_MS - stalled).toBeLessThan(STORED_LEASE_MARGIN_MS)
    // A run that starts after that lease lapsed, while the slow run is about to send.
    const otherAt = DUE + LEASE_MS + MIN
    let other: RunStats | null = null
    let leases: Array<{ lease_id: string; lease_until: number }> = []
    const slow = await run(DUE, {
      budgetMs: 30 * MIN,
      onStage: async (stage) => {
        if (stage === 'rendered') skew.ms = stalled
        if (stage !== 'leased' || other) return
        leases = await rows('SELECT lease_id, lease_until FROM outbox')
        other = (await run(otherAt)).stats
      },
    })
    // Leased again from the slow run's clock, past the other run's now: every row, not just held.
    expect(leases).toHaveLength(3)
    for (const l of leases) {
      expect(l.lease_id.startsWith('held:')).toBe(false)
      expect(l.lease_until).toBeGreaterThan(otherAt)
    }
    expect(other).toMatchObject({ sent: 0, stopped: null })
    expect(slow.stats).toMatchObject({ rendered: 3, sent: 3, stopped: null })
    expect(fake.log).toHaveLength(1)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    const statuses = await rows<{ status: string }>('SELECT status FROM outbox')
    expect(statuses.map((r) => r.status)).toEqual(['sent', 'sent', 'sent'])
  })

  it('a run that stops with stored emails unsent says which limit; they go with the next run, once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3)
    // A page of one address each: three batches, one request allowed.
    const first = await run(DUE, { pageSize: 1, maxSubrequests: 1 })
    expect(first.stats).toMatchObject({ rendered: 3, sent: 1, stopped: 'subrequests' })
    const left = await rows<{ lease_id: string; lease_until: number }>(
      "SELECT lease_id, lease_until FROM outbox WHERE status = 'pending'",
    )
    expect(left).toHaveLength(2)
    // Still held by the first run until its store lease lapses (well before the next run, 15 minutes on)…
    for (const l of left) expect(l.lease_until).toBeLessThanOrEqual(DUE + LEASE_MS + MIN)
    const meanwhile = await run(DUE + MIN)
    expect(meanwhile.stats.sent).toBe(0)
    // …which sends them, and says nothing is left.
    const next = await run(DUE + 15 * MIN)
    expect(next.stats).toMatchObject({ sent: 2, stopped: null })
    expect(fake.log).toHaveLength(3)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    const after = await run(DUE + 30 * MIN)
    expect(after.stats.sent).toBe(0)
    expect(fake.emails).toHaveLength(3)
  })
})

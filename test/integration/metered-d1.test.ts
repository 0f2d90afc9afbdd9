// The metered D1 binding: one count per query or batch, rows read from D1's own meta, and the cron run's
// d1Calls / rowsRead are exactly what its binding saw.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { runScheduler } from '../../src/cron/run'
import { meterD1 } from '../../src/db/metered'
import type { Env } from '../../src/env'
import { at } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber, queuedConfirmations } from '../helpers/fixtures'
import { watchD1 } from '../helpers/watch-d1'

const DUE = at('2027-01-24T01:00:00Z') // E−7 at 09:00 HKT for E = 2027-01-31

/** What the binding itself was asked to do, seen from outside the code under test. */
function spyOnBinding(db: D1Database) {
  const seen = { calls: 0, rowsRead: 0 }
  const binding = watchD1(db, {
    before: () => {
      seen.calls++
    },
    after: (result) => {
      for (const r of Array.isArray(result) ? result : [result]) {
        seen.rowsRead += (r as { meta?: { rows_read?: number } })?.meta?.rows_read ?? 0
      }
    },
  })
  return { binding, seen }
}

beforeEach(clearAll)

describe('meterD1', () => {
  it('counts a query or a whole batch as one call, with the rows D1 says it read', async () => {
    for (let i = 0; i < 5; i++) await insertSubscriber()
    const { db, usage } = meterD1(env.DB)
    const all = await db.prepare('SELECT id FROM subscribers').all()
    expect(all.results).toHaveLength(5)
    expect(usage).toEqual({ calls: 1, rowsRead: 5 })

    // first() answers like D1's, and its rows read count too.
    const n = await db.prepare('SELECT count(*) AS n FROM subscribers WHERE id <> ?1').bind('x').first<number>('n')
    expect(n).toBe(5)
    expect(usage.calls).toBe(2)
    expect(usage.rowsRead).toBeGreaterThanOrEqual(10)

    const before = usage.rowsRead
    const results = await db.batch([db.prepare('SELECT id FROM subscribers'), db.prepare('SELECT 1 AS one')])
    expect(results.map((r) => r.results.length)).toEqual([5, 1])
    expect(usage.calls).toBe(3)
    expect(usage.rowsRead - before).toBe(results.reduce((a, r) => a + (r.meta.rows_read ?? 0), 0))
  })
})

describe('a cron run counts its D1 use once, through the metered binding', () => {
  it('d1Calls and rowsRead in the run log are what the binding was asked for', async () => {
    installFakeResend()
    for (let i = 0; i < 3; i++) {
      const s = await insertSubscriber()
      await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, at('2027-01-01T00:00:00Z'))
    }
    await queuedConfirmations(2, DUE - 60_000)
    const { binding, seen } = spyOnBinding(env.DB)
    const stats = await runScheduler({ ...(env as Env), DB: binding }, { now: DUE })
    expect(stats).toMatchObject({ due: 3, sent: 5 })
    expect(stats.d1Calls).toBe(seen.calls)
    expect(stats.rowsRead).toBe(seen.rowsRead)
    expect(stats.rowsRead).toBeGreaterThan(0)
  })
})

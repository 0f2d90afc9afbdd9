// The due query reads about as many rows as are due, however many cards are not due.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { selectDueCards } from '../../src/db/due-cards'
import { meterD1 } from '../../src/db/metered'
import { at, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const DUE = at('2027-01-24T01:00:00Z')

async function manyIdleCards(n: number, prefix = 'idle') {
  const db = env.DB
  const statements: D1PreparedStatement[] = []
  for (let i = 0; i < n; i++) {
    statements.push(
      db
        .prepare(
          `INSERT INTO subscribers (id, email, locale, timezone, status, created_at, confirmed_at)
           VALUES (?1, ?2, 'en', 'Asia/Hong_Kong', 'active', 0, 0)`,
        )
        .bind(`${prefix}${i}`, `${prefix}${i}@example.com`),
      db
        .prepare(
          `INSERT INTO cards (id, subscriber_id, status, expires_on, lead_days, active_from, next_due_at, created_at, updated_at)
           VALUES (?1, ?2, 'active', '2027-12-31', '[7]', 0, ?3, 0, 0)`,
        )
        // Half wait for a later reminder, half have nothing scheduled.
        .bind(`${prefix}card${i}`, `${prefix}${i}`, i % 2 ? at('2027-12-24T01:00:00Z') : null),
    )
  }
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500))
}

beforeEach(clearAll)

describe('efficiency', () => {
  it('with 3000 cards not due and 3 due, the due query reads about 3 rows', async () => {
    installFakeResend()
    await manyIdleCards(3000)
    for (let i = 0; i < 3; i++) {
      const s = await insertSubscriber()
      await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, at('2027-01-01T00:00:00Z'))
    }
    const metered = meterD1(env.DB)
    const due = await selectDueCards(metered.db, DUE, 100)
    expect(due).toHaveLength(3)
    // One index entry and one card row per due card, plus the subscriber row: never the idle 3000.
    expect(metered.usage).toMatchObject({ calls: 1 })
    expect(metered.usage.rowsRead).toBeGreaterThanOrEqual(3)
    expect(metered.usage.rowsRead).toBeLessThanOrEqual(3 * 3 + 2)

    const { stats } = await run(DUE)
    expect(stats.sent).toBe(3)
    // The whole run (purge, plan, claim, render, send) stays far below the table size.
    expect(stats.rowsRead).toBeLessThan(200)
    // A run with nothing due costs the same however many idle cards there are.
    const idle = await run(DUE + 15 * 60_000)
    await manyIdleCards(3000, 'more')
    const idleAfter = await run(DUE + 30 * 60_000)
    expect(idle.stats.rowsRead).toBeLessThan(50)
    expect(Math.abs(idleAfter.stats.rowsRead - idle.stats.rowsRead)).toBeLessThanOrEqual(2)
  })
  it('rows read per due reminder do not grow with how many are due in one run (keyset pages)', async () => {
    installFakeResend()
    const perDue = async (n: number, at: number) => {
      await clearAll()
      for (let i = 0; i < n; i++) {
        const s = await insertSubscriber()
        await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, at - 30 * 86_400_000)
      }
      // Small pages, so a run of many pages would show any re-reading of what is still waiting.
      const { stats } = await run(at, { pageSize: 10, maxEmails: 1000, maxD1Calls: 1000 })
      expect(stats).toMatchObject({ due: n, sent: n, stopped: null })
      return stats.rowsRead / n
    }
    const few = await perDue(20, DUE)
    const many = await perDue(160, DUE)
    expect(many).toBeLessThanOrEqual(few * 1.1)
  })

  it('a keyset walk over cards due at several instants sees each due card once, in order', async () => {
    await clearAll()
    const instants = [DUE - 3 * 3_600_000, DUE - 3_600_000, DUE - 3_600_000, DUE, DUE, DUE, DUE, DUE + 1]
    for (const [i, dueAt] of instants.entries()) {
      const s = await insertSubscriber()
      await env.DB.prepare(
        `INSERT INTO cards (id, subscriber_id, status, expires_on, lead_days, active_from, next_due_at, created_at, updated_at)
         VALUES (?1, ?2, 'active', '2027-01-31', '[7]', 0, ?3, 0, 0)`,
      )
        .bind(`walk${7 - i}`, s.id, dueAt)
        .run()
    }
    for (const pageSize of [1, 2, 3, 7, 100]) {
      const seen: Array<{ id: string; dueAt: number }> = []
      let page = await selectDueCards(env.DB, DUE, pageSize)
      while (page.length > 0) {
        seen.push(...page.map((r) => ({ id: r.card.id, dueAt: r.card.nextDueAt })))
        const last = page.at(-1)?.cursor
        page = page.length < pageSize ? [] : await selectDueCards(env.DB, DUE, pageSize, last)
      }
      // Every card due by DUE (not the one a millisecond later), once, earliest instant first.
      expect(seen.map((r) => r.id).sort()).toEqual(['walk1', 'walk2', 'walk3', 'walk4', 'walk5', 'walk6', 'walk7'])
      expect(seen.map((r) => r.dueAt)).toEqual(instants.slice(0, 7))
    }
  })
})

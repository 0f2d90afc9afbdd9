// Benchmark (npm run bench, BENCH_SECTIONS=storage; not part of npm test): D1 bytes per subscriber over a
// simulated year of daily cron runs, to show storage stays flat once sent emails drop their bodies and
// settled deliveries are pruned. Prints one BENCH_RESULT line per measured month.
import { env } from 'cloudflare:workers'
import { expect, it, vi } from 'vitest'
import { runScheduler } from '../../src/cron/run'
import { scheduleFields } from '../../src/domain/activation'
import type { Env } from '../../src/env'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll } from '../helpers/fixtures'

const benv = env as unknown as Record<string, string | undefined>
const SUBSCRIBERS = Number(benv.BENCH_STORAGE_SUBSCRIBERS ?? '10000')
const DAYS = Number(benv.BENCH_STORAGE_DAYS ?? '365')
const DAY = 86_400_000
const START = Date.parse('2027-01-01T01:00:00Z') // 09:00 in Hong Kong
const CYCLES = [30, 90, 180, 365]
const ZONES = ['Asia/Hong_Kong', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Europe/London', 'America/Vancouver']

/** Deterministic pseudo-random numbers, so two runs simulate the same year. */
function rng(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
}

async function seed(n: number) {
  const db = env.DB
  const rand = rng(7)
  const confirmed = START - DAY
  let statements: D1PreparedStatement[] = []
  for (let i = 0; i < n; i++) {
    const tz = ZONES[i % ZONES.length] as string
    const cycle = CYCLES[Math.floor(rand() * CYCLES.length)] as number
    const expiresOn = new Date(START + Math.floor(rand() * cycle) * DAY).toISOString().slice(0, 10)
    const card = {
      id: `c${i}`,
      label: `Card ${i}`,
      carrier: 'cmhk' as const,
      expiresOn,
      cycleDays: cycle,
      leadDays: [14, 3],
      autoRenew: true,
      balanceCheck: rand() < 0.3 ? ('monthly' as const) : ('none' as const),
    }
    const f = scheduleFields(card, tz, 9, confirmed)
    statements.push(
      db
        .prepare(
          `INSERT INTO subscribers (id, email, locale, timezone, status, created_at, confirmed_at)
           VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?5)`,
        )
        .bind(`s${i}`, `s${i}@example.com`, ['en', 'zh-Hant', 'zh-Hans'][i % 3], tz, confirmed),
      db
        .prepare(
          `INSERT INTO cards (id, subscriber_id, status, label, carrier, expires_on, cycle_days, lead_days, auto_renew,
             balance_check, active_from, next_due_at, created_at, updated_at)
           VALUES (?1, ?2, 'active', ?3, 'cmhk', ?4, ?5, '[14,3]', 1, ?6, ?7, ?8, ?9, ?9)`,
        )
        .bind(
          card.id,
          `s${i}`,
          card.label,
          f.expiresOn,
          cycle,
          card.balanceCheck,
          f.activeFrom,
          f.nextDueAt,
          confirmed,
        ),
    )
    if (statements.length >= 500) {
      await db.batch(statements)
      statements = []
    }
  }
  if (statements.length) await db.batch(statements)
}

async function measure(day: number) {
  const db = env.DB
  const size = (await db.prepare('SELECT 1').run()).meta.size_after
  const count = async (sql: string) => ((await db.prepare(sql).first<{ n: number }>()) ?? { n: 0 }).n
  return {
    day,
    db_bytes: size,
    bytes_per_subscriber: Math.round(size / SUBSCRIBERS),
    deliveries: await count('SELECT count(*) AS n FROM deliveries'),
    outbox: await count('SELECT count(*) AS n FROM outbox'),
    // bodies still stored: in outbox_bodies (since migration 0006), and any left in outbox.message
    outbox_body_bytes: await count(
      `SELECT (SELECT coalesce(sum(length(message)), 0) FROM outbox_bodies)
         + (SELECT coalesce(sum(length(message)), 0) FROM outbox) AS n`,
    ),
  }
}

it('a simulated year of reminders keeps D1 flat per subscriber', { timeout: 3_600_000 }, async () => {
  await clearAll()
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const fake = installFakeResend()
  await seed(SUBSCRIBERS)
  const paid = { ...(env as Env), WORKERS_PLAN: 'paid' }
  const figures = []
  let sent = 0
  for (let d = 0; d <= DAYS; d++) {
    const stats = await runScheduler(paid, { now: START + d * DAY })
    sent += stats.sent
    // The fake keeps every accepted email; only the count matters here.
    fake.reset()
    if (d === Math.round(DAYS / 2) || d === DAYS) {
      const m = await measure(d)
      figures.push(m)
      console.info(`BENCH_RESULT ${JSON.stringify({ section: 'storage', subscribers: SUBSCRIBERS, sent, ...m })}`)
    }
  }
  const [half, full] = figures
  expect(full?.bytes_per_subscriber).toBeLessThanOrEqual((half?.bytes_per_subscriber ?? 0) * 1.1)
})

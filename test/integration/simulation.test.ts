// 400 simulated days of hourly cron runs for a handful of subscribers with different timezones
// and settings, with a flaky Resend: every email the rules call for goes out exactly once.
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { ScheduleInput } from '../../src/domain/schedule'
import type { Subscriber } from '../../src/domain/types'
import { addDays, zonedInstant } from '../../src/domain/zoned-time'
import { at, fire, rows } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const START = at('2026-12-01T00:00:00Z')
const END = START + 400 * DAY
const SEND_HOUR = 9

/**
 * What the rules call for, enumerated directly from the contract (no catch-up happens with
 * hourly runs): every lead day of every expiry, the expired notice when auto-renewal is off,
 * and a balance check each month, between `from` and `until`.
 */
function oracle(card: Omit<ScheduleInput, 'activeFrom'>, tz: string, from: number, until: number): Map<string, number> {
  const out = new Map<string, number>()
  const add = (key: string, due: number) => {
    if (due >= from && due <= until) out.set(key, due)
  }
  let e = card.expiresOn
  for (let guard = 0; guard < 50; guard++) {
    for (const lead of card.leadDays) {
      if (lead === 0 && !card.autoRenew) continue
      add(`r:${card.id}:${e}:${lead}`, zonedInstant(addDays(e, -lead), SEND_HOUR, tz))
    }
    if (!card.autoRenew) {
      add(`x:${card.id}:${e}`, zonedInstant(e, SEND_HOUR, tz))
      break
    }
    if (!card.cycleDays || zonedInstant(addDays(e, -60), 0, tz) > until) break
    e = addDays(e, card.cycleDays)
  }
  if (card.balanceCheck === 'monthly') {
    // With auto-renewal off, nothing follows the expired notice.
    const last = card.autoRenew ? until : Math.min(until, zonedInstant(card.expiresOn, SEND_HOUR, tz))
    for (let m = 0; m < 16; m++) {
      const d = new Date(Date.UTC(2026, 11 + m, 1)).toISOString().slice(0, 10)
      const due = zonedInstant(d, SEND_HOUR, tz)
      if (due <= last) add(`b:${card.id}:${d.slice(0, 7)}`, due)
    }
  }
  return out
}

interface Plan {
  subscriber: Subscriber
  cards: Array<Omit<ScheduleInput, 'activeFrom'>>
  confirmedAt: number
  /** mail stops from here (unsubscribe or bounce) */
  stopAt?: number
}

describe('400 simulated days', () => {
  const plans: Plan[] = []
  let fake: ReturnType<typeof installFakeResend>

  beforeAll(async () => {
    await clearAll()
  })

  // 9,600 cron runs: minutes on a quiet machine, much longer on a shared busy one.
  it('sends exactly the emails the rules call for, each once', { timeout: 1_800_000 }, async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // Every 17th request fails with a 500, every 23rd is accepted but its answer is lost.
    fake = installFakeResend({
      faults: (i) => (i % 17 === 5 ? { status: 500 } : i % 23 === 7 ? 'lost-response' : 'ok'),
    })
    const add = async (
      s: Partial<Subscriber>,
      cards: Array<Partial<ScheduleInput>>,
      confirmedAt: number,
      stopAt?: number,
    ) => {
      const subscriber = await insertSubscriber(s)
      const stored = []
      for (const c of cards) stored.push(await insertScheduledCard(subscriber, c, confirmedAt, SEND_HOUR))
      plans.push({ subscriber, cards: stored, confirmedAt, stopAt })
    }
    // Hong Kong, auto-renewal off: 14/7/1 days before, then the expired notice, then silence.
    await add(
      { email: 'hk@example.com', timezone: 'Asia/Hong_Kong', locale: 'zh-Hant' },
      [{ expiresOn: '2027-02-15', leadDays: [14, 7, 1], autoRenew: false }],
      START,
    )
    // New York across both DST changes: auto-renewal every 90 days, day-0 reminder, monthly balance.
    await add(
      { email: 'ny@example.com', timezone: 'America/New_York', locale: 'zh-Hans' },
      [{ expiresOn: '2027-01-20', leadDays: [7, 0], autoRenew: true, cycleDays: 90, balanceCheck: 'monthly' }],
      START + 3 * HOUR,
    )
    // London: two cards expiring the same day (combined emails), one with auto-renewal; the other
    // has monthly balance checks that stop after its expired notice.
    await add(
      { email: 'ldn@example.com', timezone: 'Europe/London', locale: 'en' },
      [
        { label: 'Travel', expiresOn: '2027-03-28', leadDays: [10, 3], autoRenew: true, cycleDays: 180 },
        { label: 'Work', expiresOn: '2027-03-28', leadDays: [3], autoRenew: false, balanceCheck: 'monthly' },
      ],
      START + 5 * DAY,
    )
    // Kiritimati (UTC+14), far from Hong Kong: 30-day renewals, twelve rolls in the period.
    await add(
      { email: 'kiri@example.com', timezone: 'Pacific/Kiritimati', locale: 'en' },
      [{ expiresOn: '2027-01-31', leadDays: [2], autoRenew: true, cycleDays: 30 }],
      START,
    )
    // Los Angeles: unsubscribes on day 120.
    const laStop = START + 120 * DAY + 5 * HOUR
    await add(
      { email: 'la@example.com', timezone: 'America/Los_Angeles', locale: 'en' },
      [{ expiresOn: '2027-01-10', leadDays: [5, 1], autoRenew: true, cycleDays: 30, balanceCheck: 'monthly' }],
      START,
      laStop,
    )
    // Never confirmed: no reminders, purged after 7 days.
    const pending = await insertSubscriber({ email: 'pending@example.com', status: 'pending', createdAt: START })
    await insertCard(pending.id, { status: 'pending', expiresOn: '2027-01-05', leadDays: [1], createdAt: START })

    const la = plans.find((p) => p.subscriber.email === 'la@example.com')
    // Outbox rows are deleted 30 days after sending, so what was sent is collected once a day.
    type Sent = {
      occurrence_key: string
      status: string
      provider_id: string | null
      to_email: string
      sent_at: number
    }
    const seen = new Map<string, Sent>()
    const changed: string[] = []
    const collect = async () => {
      const now = await rows<Sent>(
        `SELECT d.occurrence_key, o.status, o.provider_id, o.to_email, o.sent_at
         FROM deliveries d JOIN outbox o ON o.id = d.outbox_id`,
      )
      for (const r of now) {
        const before = seen.get(r.occurrence_key)
        if (before?.provider_id && before.provider_id !== r.provider_id) changed.push(r.occurrence_key)
        seen.set(r.occurrence_key, r)
      }
    }
    for (let t = START; t <= END; t += HOUR) {
      if (la && t >= laStop && t - HOUR < laStop) {
        await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = ?2 WHERE id = ?1")
          .bind(la.subscriber.id, laStop)
          .run()
      }
      // Now and then the trigger fires twice at once.
      if ((t - START) % (53 * HOUR) === 0) await Promise.all([fire(t), fire(t)])
      else await fire(t)
      if ((t - START) % DAY === 0) await collect()
    }
    await collect()
    expect(changed).toEqual([])

    // Each expected occurrence was emailed once, and nothing else was.
    const expected = new Map<string, { email: string; due: number }>()
    for (const p of plans) {
      for (const c of p.cards) {
        for (const [key, due] of oracle(
          c,
          p.subscriber.timezone,
          p.confirmedAt,
          Math.min(END, (p.stopAt ?? END) - 1),
        )) {
          expected.set(key, { email: p.subscriber.email, due })
        }
      }
    }
    const delivered = [...seen.values()]
    expect(delivered.map((d) => d.occurrence_key).sort()).toEqual([...expected.keys()].sort())
    expect(delivered.every((d) => d.status === 'sent')).toBe(true)
    for (const d of delivered) {
      const want = expected.get(d.occurrence_key)
      expect(d.to_email).toBe(want?.email)
      // Sent by the first run at or after the due instant, give or take retries after a 500.
      expect(d.sent_at).toBeGreaterThanOrEqual(want?.due ?? 0)
      expect(d.sent_at).toBeLessThan((want?.due ?? 0) + 3 * HOUR)
    }
    // At the fake: every accepted email once, exactly one per outbox row.
    const providerIds = new Set(delivered.map((d) => d.provider_id))
    expect(fake.emails.map((e) => e.id).sort()).toEqual([...providerIds].sort())
    expect(new Set(fake.emails.map((e) => e.id)).size).toBe(fake.emails.length)
    expect(fake.emails.some((e) => e.to.includes('pending@example.com'))).toBe(false)
    expect(
      fake.emails
        .filter((e) => e.to.includes('la@example.com'))
        .every((e) => {
          const row = delivered.find((d) => d.provider_id === e.id)
          return (row?.sent_at ?? Number.POSITIVE_INFINITY) < laStop
        }),
    ).toBe(true)
    // The London cards expiring the same day were combined: fewer emails than occurrences.
    const ldn = delivered.filter((d) => d.to_email === 'ldn@example.com')
    expect(new Set(ldn.map((d) => d.provider_id)).size).toBeLessThan(ldn.length)
    // The faults happened and were survived.
    expect(fake.log.some((l) => l.status === 500)).toBe(true)
    expect(fake.log.some((l) => l.status === 'lost')).toBe(true)
    // Retries were the same request under the same key: Resend never saw a key reused for another body.
    expect(fake.log.filter((l) => l.status === 409)).toEqual([])
    // Bodies of emails sent over 30 days ago are gone; the occurrence keys stay.
    expect((await rows('SELECT id FROM outbox')).length).toBeLessThan(delivered.length)
    // The pending sign-up is gone.
    expect(await rows('SELECT id FROM subscribers WHERE id = ?1', pending.id)).toEqual([])
    // Sanity: a meaningful number of emails.
    expect(expected.size).toBeGreaterThan(40)
  })
})

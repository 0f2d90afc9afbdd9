// The cron, end to end inside workerd: real D1, the real handler, Resend faked at the network edge.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { verifyToken } from '../../src/domain/tokens'
import { at, fire, rows, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const CONFIRMED = at('2027-01-01T00:00:00Z')
const DUE_7 = at('2027-01-24T01:00:00Z') // E−7 at 09:00 HKT for E = 2027-01-31
const SECRET = 'test-signing-secret-that-is-at-least-32-bytes-long'

beforeEach(clearAll)

describe('a reminder at its exact instant', () => {
  it('nothing at 08:59 local, one email at 09:00, none on a double fire or the next run', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ email: 'ana@example.com', locale: 'en' })
    await insertScheduledCard(s, { label: 'Work SIM', expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    await fire(at('2027-01-24T00:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2027-01-24T01:00:00Z'))
    await fire(at('2027-01-24T01:00:00Z'))
    await fire(at('2027-01-24T01:15:00Z'))
    expect(fake.emails).toHaveLength(1)
    const email = fake.emails[0]!
    expect(email.to).toEqual(['ana@example.com'])
    expect(email.from).toBe('SIMKeep <remind@mail.simkeep.test>')
    expect(email.subject).toContain('Work SIM')
    expect(email.subject).toContain('7')
    expect(email.idempotencyKey).toBeTruthy()
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const unsub = /^<https:\/\/simkeep\.test\/unsubscribe\/([^>]+)>$/.exec(email.headers['List-Unsubscribe'] ?? '')
    expect(unsub).not.toBeNull()
    const claims = await verifyToken(SECRET, unsub?.[1] ?? '', 'unsubscribe', at('2027-01-24T01:00:00Z'))
    expect(claims?.subject).toBe(s.id)
    for (const part of [email.html ?? '', email.text ?? '']) {
      expect(part).toContain(`https://simkeep.test/unsubscribe/${unsub?.[1]}`)
      expect(part).toMatch(/https:\/\/simkeep\.test\/manage\/[\w.-]+/)
      expect(part).toMatch(/https:\/\/simkeep\.test\/renewed\/[\w.-]+/)
      expect(part).toMatch(/https:\/\/simkeep\.test\/calendar\/[\w.-]+\.ics/)
    }
    // The renewed link is bound to the expiry this reminder is about, so it cannot renew twice.
    const renewed = /https:\/\/simkeep\.test\/renewed\/([\w.-]+)/.exec(email.text ?? '')?.[1] ?? ''
    const renewedClaims = await verifyToken(SECRET, renewed, 'renewed', at('2027-01-24T01:00:00Z'))
    expect(renewedClaims?.nonce).toBe('20270131')
  })

  it('Los Angeles: E−1 at 09:00 PST is 17:00Z', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ timezone: 'America/Los_Angeles' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [1] }, CONFIRMED)
    await fire(at('2027-01-30T16:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2027-01-30T17:00:00Z'))
    expect(fake.emails).toHaveLength(1)
  })

  it('Europe/London on the day BST starts: 09:00 local is 08:00Z', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ timezone: 'Europe/London' })
    await insertScheduledCard(s, { expiresOn: '2027-03-29', leadDays: [1] }, CONFIRMED)
    await fire(at('2027-03-28T07:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2027-03-28T08:00:00Z'))
    expect(fake.emails).toHaveLength(1)
  })
})

describe('more boundaries through the cron', () => {
  it('America/New_York on the day DST ends: 09:00 EST is 14:00Z, not 13:00Z', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ timezone: 'America/New_York' })
    await insertScheduledCard(s, { expiresOn: '2026-11-02', leadDays: [1] }, at('2026-10-01T00:00:00Z'))
    await fire(at('2026-11-01T13:00:00Z'))
    await fire(at('2026-11-01T13:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2026-11-01T14:00:00Z'))
    expect(fake.emails).toHaveLength(1)
  })

  it('leap day: E−1 of 1 Mar 2028 is 29 Feb 2028', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber()
    await insertScheduledCard(s, { expiresOn: '2028-03-01', leadDays: [1] }, at('2028-01-01T00:00:00Z'))
    await fire(at('2028-02-28T01:00:00Z'))
    await fire(at('2028-02-29T00:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2028-02-29T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
  })

  it('Pacific/Kiritimati (UTC+14): E−1 at 09:00 local is 19:00Z two UTC days before E', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ timezone: 'Pacific/Kiritimati' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [1] }, CONFIRMED)
    await fire(at('2027-01-29T18:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2027-01-29T19:00:00Z'))
    expect(fake.emails).toHaveLength(1)
  })
})

describe('catch-up and expiry', () => {
  it('after missed runs sends only the most urgent reminder, once', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber()
    const c = await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [14, 7, 1] }, CONFIRMED)
    // No run from before E−14 until after E−1 at 09:00.
    await fire(at('2027-01-30T03:00:00Z'))
    await fire(at('2027-01-30T03:15:00Z'))
    expect(fake.emails).toHaveLength(1)
    const keys = await rows<{ occurrence_key: string }>(
      'SELECT occurrence_key FROM deliveries WHERE card_id = ?1',
      c.id,
    )
    expect(keys.map((k) => k.occurrence_key)).toEqual([`r:${c.id}:2027-01-31:1`])
  })

  it('auto-renewal off: one expired notice on day E, then nothing', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber()
    const c = await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [0], autoRenew: false }, CONFIRMED)
    await fire(at('2027-01-31T01:00:00Z'))
    for (let d = 1; d < 10; d++) await fire(at('2027-01-31T01:00:00Z') + d * 86_400_000)
    const [delivery] = await rows<{ kind: string }>('SELECT kind FROM deliveries WHERE card_id = ?1', c.id)
    expect(delivery?.kind).toBe('expired')
    for (let d = 10; d < 40; d++) await fire(at('2027-01-31T01:00:00Z') + d * 86_400_000)
    expect(fake.emails).toHaveLength(1)
    const [card] = await rows<{ next_due_at: number | null }>('SELECT next_due_at FROM cards WHERE id = ?1', c.id)
    expect(card?.next_due_at).toBeNull()
    // Unscheduled, the card can plan that notice again only after an edit (from then on): after 30
    // days its delivery record is pruned, and nothing more is sent.
    expect(await rows('SELECT id FROM deliveries WHERE card_id = ?1', c.id)).toHaveLength(0)
  })

  it('auto-renewal on: the stored expiry rolls forward when E passes, and reminders continue', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber()
    const c = await insertScheduledCard(
      s,
      { expiresOn: '2027-01-31', leadDays: [1], autoRenew: true, cycleDays: 30 },
      CONFIRMED,
    )
    await fire(at('2027-01-30T01:00:00Z'))
    // 1 Feb 00:00 HKT = 31 Jan 16:00Z
    await fire(at('2027-01-31T16:00:00Z'))
    const [card] = await rows<{ expires_on: string }>('SELECT expires_on FROM cards WHERE id = ?1', c.id)
    expect(card?.expires_on).toBe('2027-03-02')
    await fire(at('2027-03-01T01:00:00Z'))
    expect(fake.emails).toHaveLength(2)
  })

  it('a monthly balance check on the 1st at 09:00 local', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ timezone: 'America/New_York' })
    await insertScheduledCard(
      s,
      { expiresOn: '2028-01-31', leadDays: [], balanceCheck: 'monthly' },
      at('2027-01-15T00:00:00Z'),
    )
    await fire(at('2027-02-01T13:59:00Z'))
    expect(fake.emails).toHaveLength(0)
    await fire(at('2027-02-01T14:00:00Z'))
    expect(fake.emails).toHaveLength(1)
  })
})

describe('one email per address', () => {
  it('two cards due the same day go out as one email, most urgent first', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    await insertScheduledCard(s, { label: 'Travel SIM', expiresOn: '2027-02-07', leadDays: [7] }, CONFIRMED)
    await insertScheduledCard(s, { label: 'Work SIM', expiresOn: '2027-02-01', leadDays: [1] }, CONFIRMED)
    await fire(at('2027-01-31T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    const { html = '', text = '', subject } = fake.emails[0]!
    expect(subject).toContain('Work SIM')
    expect(text.indexOf('Work SIM')).toBeGreaterThan(-1)
    expect(text.indexOf('Work SIM')).toBeLessThan(text.indexOf('Travel SIM'))
    expect(html).toContain('Travel SIM')
  })

  it('a label with line breaks never puts CR/LF in the subject or headers', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    await insertScheduledCard(
      s,
      { label: 'Work\r\nBcc: evil@example.com', expiresOn: '2027-02-07', leadDays: [7] },
      CONFIRMED,
    )
    await fire(at('2027-01-31T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    const email = fake.emails[0]!
    expect(email.subject).not.toMatch(/[\r\n]/)
    expect(email.subject).toContain('Work')
    for (const [k, v] of Object.entries(email.headers)) expect(k + v).not.toMatch(/[\r\n]/)
    expect(Object.keys(email.headers).sort()).toEqual(['List-Unsubscribe', 'List-Unsubscribe-Post'])
  })

  it('emails in the subscriber’s language', async () => {
    const fake = installFakeResend()
    const hant = await insertSubscriber({ locale: 'zh-Hant' })
    const hans = await insertSubscriber({ locale: 'zh-Hans' })
    await insertScheduledCard(hant, { expiresOn: '2027-02-07', leadDays: [7] }, CONFIRMED)
    await insertScheduledCard(hans, { expiresOn: '2027-02-07', leadDays: [7] }, CONFIRMED)
    await fire(at('2027-01-31T01:00:00Z'))
    expect(fake.emails).toHaveLength(2)
    const byTo = new Map(fake.emails.map((e) => [e.to[0], e]))
    expect(byTo.get(hant.email)?.html).toMatch(/<html lang="zh-Hant/)
    expect(byTo.get(hans.email)?.html).toMatch(/<html lang="zh-Hans/)
  })
})

describe('who gets no reminders', () => {
  it('pending, unsubscribed and suppressed addresses get nothing, and stop being read', async () => {
    const fake = installFakeResend()
    const pending = await insertSubscriber({ status: 'pending' })
    const unsubscribed = await insertSubscriber({ status: 'unsubscribed', unsubscribedAt: CONFIRMED })
    const suppressed = await insertSubscriber({ suppressedAt: CONFIRMED, suppressedReason: 'bounced' })
    const due = at('2027-01-24T01:00:00Z')
    const ids: string[] = []
    for (const s of [pending, unsubscribed, suppressed]) {
      ids.push((await insertCard(s.id, { expiresOn: '2027-01-31', leadDays: [7], nextDueAt: due })).id)
    }
    // A pending card of an active address gets nothing either.
    const active = await insertSubscriber()
    ids.push((await insertCard(active.id, { status: 'pending', leadDays: [7], nextDueAt: due })).id)
    await fire(due)
    expect(fake.emails).toHaveLength(0)
    const left = await rows('SELECT id FROM cards WHERE next_due_at IS NOT NULL')
    expect(left).toEqual([])
  })

  it('an address unsubscribed after its reminder was queued gets nothing', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber()
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    // The run plans, then (before rendering) the address unsubscribes.
    await run(at('2027-01-24T01:00:00Z'), {
      onStage: async (stage) => {
        if (stage === 'planned') {
          await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE id = ?1").bind(s.id).run()
        }
      },
    })
    expect(fake.emails).toHaveLength(0)
    const [d] = await rows<{ status: string }>('SELECT status FROM deliveries')
    expect(d?.status).toBe('cancelled')
  })
})

describe('a broken row', () => {
  it('does not stop anyone else’s reminders, and is looked at again a day later', async () => {
    const fake = installFakeResend()
    const errors = vi.spyOn(console, 'error')
    const bad = await insertSubscriber({ timezone: 'Not/A_Zone' })
    const badCard = await insertCard(bad.id, { expiresOn: '2027-01-31', leadDays: [7], nextDueAt: DUE_7 })
    const good = await insertSubscriber()
    await insertScheduledCard(good, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    await fire(DUE_7)
    expect(fake.emails.map((e) => e.to[0])).toEqual([good.email])
    expect(errors.mock.calls.some((c) => String(c[0]).includes('"event":"plan_failed"'))).toBe(true)
    const [row] = await rows<{ next_due_at: number }>('SELECT next_due_at FROM cards WHERE id = ?1', badCard.id)
    expect(row?.next_due_at).toBe(DUE_7 + 86_400_000)
  })
})

describe('pending sign-ups', () => {
  it('are purged after 7 days, with addresses left without cards', async () => {
    installFakeResend()
    const now = at('2027-01-10T00:00:00Z')
    const old = await insertSubscriber({ status: 'pending', createdAt: now - 8 * 86_400_000 })
    await insertCard(old.id, { status: 'pending', createdAt: now - 8 * 86_400_000 })
    const fresh = await insertSubscriber({ status: 'pending', createdAt: now - 6 * 86_400_000 })
    await insertCard(fresh.id, { status: 'pending', createdAt: now - 6 * 86_400_000 })
    const active = await insertSubscriber({ createdAt: now - 30 * 86_400_000 })
    await insertCard(active.id, { status: 'pending', createdAt: now - 8 * 86_400_000 })
    const kept = await insertCard(active.id, { status: 'active', createdAt: now - 30 * 86_400_000 })
    await fire(now)
    const subs = await rows<{ id: string }>('SELECT id FROM subscribers ORDER BY id')
    expect(subs.map((r) => r.id).sort()).toEqual([fresh.id, active.id].sort())
    const cards = await rows<{ id: string; subscriber_id: string }>('SELECT id, subscriber_id FROM cards')
    expect(cards.filter((c) => c.subscriber_id === active.id).map((c) => c.id)).toEqual([kept.id])
    expect(cards.filter((c) => c.subscriber_id === fresh.id)).toHaveLength(1)
  })

  it('sent and failed emails and webhook ids are deleted after 30 days; pending ones stay', async () => {
    installFakeResend()
    const now = at('2027-03-01T00:00:00Z')
    const s = await insertSubscriber()
    const old = now - 31 * 86_400_000
    const recent = now - 29 * 86_400_000
    const insert = (id: string, status: string, createdAt: number) =>
      env.DB.prepare(
        `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at, created_at)
         VALUES (?1, ?2, 'reminder', ?1, ?3, '{}', ?4, 1, ?5, ?5)`,
      )
        .bind(id, s.id, s.email, status, createdAt)
        .run()
    await insert('old-sent', 'sent', old)
    await insert('old-failed', 'failed', old)
    await insert('recent-sent', 'sent', recent)
    // Pending for a long time (quota): still owed, so kept; not due before the run either.
    await env.DB.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at, created_at)
       VALUES ('old-pending', ?1, 'reminder', 'k', ?2, '{}', 'pending', 0, ?3, ?4)`,
    )
      .bind(s.id, s.email, now + 86_400_000, old)
      .run()
    await env.DB.prepare(
      "INSERT INTO webhook_events VALUES ('old', 'email.delivered', ?1), ('new', 'email.delivered', ?2)",
    )
      .bind(old, recent)
      .run()
    await fire(now)
    const left = await rows<{ id: string }>('SELECT id FROM outbox ORDER BY id')
    expect(left.map((r) => r.id)).toEqual(['old-pending', 'recent-sent'])
    expect(await rows('SELECT svix_id FROM webhook_events')).toEqual([{ svix_id: 'new' }])
  })
})

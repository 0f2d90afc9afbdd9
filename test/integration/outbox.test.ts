// The durable outbox for confirmation emails: stored first, sent with a stable Idempotency-Key,
// left pending for the cron when Resend is unavailable.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { getConfig } from '../../src/config'
import { runScheduler } from '../../src/cron/run'
import { countTransactionalSince } from '../../src/db/outbox'
import { deliverNow, enqueueTransactional } from '../../src/mail/outbox'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const NOW = Date.UTC(2026, 10, 20, 3, 0)
const message = (to: string) => ({
  from: 'SIMKeep <remind@mail.simkeep.test>',
  to,
  subject: 'Confirm\r\nBcc: evil@example.com',
  html: '<p>Confirm</p>',
  text: 'Confirm',
  headers: { 'List-Unsubscribe': '<https://simkeep.test/unsubscribe/x>\nX-Injected: 1' },
})

async function outboxRow(id: string) {
  return env.DB.prepare('SELECT * FROM outbox WHERE id = ?1').bind(id).first<Record<string, unknown>>()
}

describe('confirmation outbox', () => {
  beforeEach(clearAll)

  it('sends a confirmation once, with an Idempotency-Key, and records it as sent', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ status: 'pending' })
    const id = await enqueueTransactional(env.DB, {
      subscriberId: s.id,
      kind: 'confirm',
      message: message(s.email),
      now: NOW,
    })
    await deliverNow(env, getConfig(env), [id], NOW)
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.to).toEqual([s.email])
    expect(fake.emails[0]?.idempotencyKey).toBeTruthy()
    // Labels are user input: no CR/LF reaches a subject or a header.
    expect(fake.emails[0]?.subject).not.toMatch(/[\r\n]/)
    expect(Object.values(fake.emails[0]?.headers ?? {}).join('')).not.toMatch(/[\r\n]/)
    expect((await outboxRow(id))?.status).toBe('sent')
    expect((await outboxRow(id))?.provider_id).toBe(fake.emails[0]?.id)
    // A second call for the same row sends nothing more.
    await deliverNow(env, getConfig(env), [id], NOW + 1000)
    expect(fake.emails).toHaveLength(1)
    // The operator page's daily counter saw it once.
    const day = await env.DB.prepare('SELECT day, sent, failed FROM mail_daily').all()
    expect(day.results).toEqual([{ day: '2026-11-20', sent: 1, failed: 0 }])
  })

  it('leaves the email pending with a later attempt time when Resend fails', async () => {
    const fake = installFakeResend()
    fake.queue.push({ status: 500 })
    const s = await insertSubscriber({ status: 'pending' })
    const id = await enqueueTransactional(env.DB, {
      subscriberId: s.id,
      kind: 'confirm',
      message: message(s.email),
      now: NOW,
    })
    await deliverNow(env, getConfig(env), [id], NOW)
    expect(fake.emails).toHaveLength(0)
    const row = await outboxRow(id)
    expect(row?.status).toBe('pending')
    expect(row?.attempts).toBe(1)
    expect(row?.next_attempt_at as number).toBeGreaterThan(NOW)
    expect(row?.lease_id).toBeNull()
  })

  it('keeps the same key when a failed confirmation is sent again', async () => {
    const fake = installFakeResend()
    fake.queue.push('network')
    const s = await insertSubscriber({ status: 'pending' })
    const id = await enqueueTransactional(env.DB, {
      subscriberId: s.id,
      kind: 'confirm',
      message: message(s.email),
      now: NOW,
    })
    await deliverNow(env, getConfig(env), [id], NOW)
    await deliverNow(env, getConfig(env), [id], NOW + 120_000)
    expect(fake.emails).toHaveLength(1)
    expect(fake.log.map((l) => l.key)).toEqual([fake.emails[0]?.idempotencyKey, fake.emails[0]?.idempotencyKey])
  })

  it('counts confirmation and manage-link emails per subscriber since a given instant', async () => {
    installFakeResend()
    const a = await insertSubscriber({ status: 'pending' })
    const b = await insertSubscriber({ status: 'pending' })
    for (const [t, kind] of [
      [NOW - 2 * 3_600_000, 'confirm'],
      [NOW - 1000, 'confirm'],
      [NOW, 'manage_link'],
    ] as const) {
      await enqueueTransactional(env.DB, { subscriberId: a.id, kind, message: message(a.email), now: t })
    }
    await enqueueTransactional(env.DB, { subscriberId: b.id, kind: 'confirm', message: message(b.email), now: NOW })
    expect(await countTransactionalSince(env.DB, a.id, NOW - 3_600_000)).toBe(2)
    expect(await countTransactionalSince(env.DB, b.id, NOW - 3_600_000)).toBe(1)
    const kinds = await env.DB.prepare('SELECT kind FROM outbox WHERE subscriber_id = ?1 ORDER BY created_at')
      .bind(a.id)
      .all()
    expect(kinds.results.map((r) => r.kind)).toEqual(['confirm', 'confirm', 'manage_link'])
  })
})

describe('without RESEND_API_KEY', () => {
  beforeEach(clearAll)

  it('the cron puts reminders in the dev mailbox and nothing reaches the network', async () => {
    const fake = installFakeResend()
    const localEnv = { ...env, RESEND_API_KEY: undefined, PUBLIC_URL: 'http://localhost:8787' }
    const s = await insertSubscriber({ email: 'dev@example.com' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, Date.UTC(2027, 0, 1))
    const stats = await runScheduler(localEnv, { now: Date.UTC(2027, 0, 24, 1) })
    expect(stats.sent).toBe(1)
    expect(fake.log).toHaveLength(0)
    const mail = await env.DB.prepare('SELECT to_email, subject, headers FROM dev_mailbox').all<{
      to_email: string
      subject: string
      headers: string
    }>()
    expect(mail.results).toHaveLength(1)
    expect(mail.results[0]?.to_email).toBe('dev@example.com')
    expect(JSON.parse(mail.results[0]?.headers ?? '{}')['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
  })
})

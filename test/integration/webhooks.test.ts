// POST /webhooks/resend: Svix signatures, de-duplication by svix-id, and what stops mail.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { app } from '../../src/app'
import { buildLink } from '../../src/links'
import { at, fire, rows, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

async function sign(id: string, timestamp: number, payload: string, secret = SECRET): Promise<string> {
  const raw = Uint8Array.from(atob(secret.slice('whsec_'.length)), (ch) => ch.charCodeAt(0))
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const sig = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${payload}`))
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(sig)))}`
}

function event(type: string, to: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: 'e1', from: 'SIMKeep <remind@mail.simkeep.test>', to: [to], subject: 'x', ...extra },
  })
}

async function post(payload: string, opts: { id?: string; timestamp?: number; signature?: string } = {}) {
  const id = opts.id ?? `msg_${crypto.randomUUID()}`
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000)
  const signature = opts.signature ?? (await sign(id, ts, payload))
  return app.request(
    '/webhooks/resend',
    {
      method: 'POST',
      body: payload,
      headers: {
        'content-type': 'application/json',
        'svix-id': id,
        'svix-timestamp': String(ts),
        'svix-signature': signature,
      },
    },
    env,
  )
}

async function suppression(id: string) {
  const [row] = await rows<{ suppressed_at: number | null; suppressed_reason: string | null }>(
    'SELECT suppressed_at, suppressed_reason FROM subscribers WHERE id = ?1',
    id,
  )
  return row
}

beforeEach(clearAll)

describe('POST /webhooks/resend', () => {
  it('a bounce withdraws a reminder already rendered but not yet sent', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ email: 'gone@example.com' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, at('2027-01-01T00:00:00Z'))
    // A run that renders the email into the outbox, then dies before sending it.
    await expect(
      run(at('2027-01-24T01:00:00Z'), {
        onStage: (stage) => {
          if (stage === 'rendered') throw new Error('killed')
        },
      }),
    ).rejects.toThrow('killed')
    expect(await rows("SELECT id FROM outbox WHERE status = 'pending'")).toHaveLength(1)
    const res = await post(event('email.bounced', s.email, { bounce: { type: 'Permanent' } }))
    expect(res.status).toBe(200)
    await fire(at('2027-01-24T01:15:00Z'))
    expect(fake.emails).toHaveLength(0)
    expect(await rows("SELECT last_error FROM outbox WHERE status = 'failed'")).toEqual([
      { last_error: 'withdrawn: bounced' },
    ])
  })

  it('a permanent bounce suppresses the address and no reminder goes out afterwards', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ email: 'gone@example.com' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, at('2027-01-01T00:00:00Z'))
    const res = await post(
      event('email.bounced', 'Gone@Example.com', {
        bounce: { type: 'Permanent', subType: 'General', message: 'user unknown' },
      }),
    )
    expect(res.status).toBe(200)
    expect((await suppression(s.id))?.suppressed_reason).toBe('bounced')
    await fire(at('2027-01-24T01:00:00Z'))
    expect(fake.emails).toHaveLength(0)
    // The manage page says why mail stopped.
    const manage = await buildLink(
      { publicUrl: 'https://simkeep.test', signingSecret: env.SIGNING_SECRET ?? '' },
      'manage',
      s.id,
      Date.now(),
    )
    const page = await app.request(`${manage.replace('https://simkeep.test', '')}?lang=en`, {}, env)
    expect(await page.text()).toContain('messages to this address bounced')
  })

  it('a transient bounce changes nothing', async () => {
    const s = await insertSubscriber({ email: 'full@example.com' })
    const res = await post(event('email.bounced', s.email, { bounce: { type: 'Transient', subType: 'MailboxFull' } }))
    expect(res.status).toBe(200)
    expect((await suppression(s.id))?.suppressed_at).toBeNull()
  })

  it('a complaint and a suppression stop mail, each with its reason', async () => {
    const a = await insertSubscriber({ email: 'spam@example.com' })
    const b = await insertSubscriber({ email: 'listed@example.com' })
    expect((await post(event('email.complained', a.email))).status).toBe(200)
    expect((await post(event('email.suppressed', b.email, { suppressed: { reason: 'previous_bounce' } }))).status).toBe(
      200,
    )
    expect((await suppression(a.id))?.suppressed_reason).toBe('complained')
    expect((await suppression(b.id))?.suppressed_reason).toBe('suppressed')
  })

  it('a bad signature gets 401 and changes nothing', async () => {
    const s = await insertSubscriber({ email: 'safe@example.com' })
    const payload = event('email.complained', s.email)
    const forged = await sign('msg_1', Math.floor(Date.now() / 1000), payload, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect((await post(payload, { id: 'msg_1', signature: forged })).status).toBe(401)
    // A signature for another body does not carry over either.
    const other = await sign('msg_2', Math.floor(Date.now() / 1000), event('email.delivered', s.email))
    expect((await post(payload, { id: 'msg_2', signature: other })).status).toBe(401)
    // Nor does a correctly signed but stale message (replay).
    expect((await post(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401)
    const missing = await app.request('/webhooks/resend', { method: 'POST', body: payload }, env)
    expect(missing.status).toBe(401)
    expect((await suppression(s.id))?.suppressed_at).toBeNull()
    expect(await rows('SELECT * FROM webhook_events')).toEqual([])
  })

  it('a repeated svix-id is a no-op', async () => {
    const s = await insertSubscriber({ email: 'twice@example.com' })
    const payload = event('email.complained', s.email)
    expect((await post(payload, { id: 'msg_same' })).status).toBe(200)
    const first = await suppression(s.id)
    // Someone clears the suppression; the same delivery arriving again must not set it back.
    await env.DB.prepare('UPDATE subscribers SET suppressed_at = NULL, suppressed_reason = NULL WHERE id = ?1')
      .bind(s.id)
      .run()
    const again = await post(payload, { id: 'msg_same' })
    expect(again.status).toBe(200)
    expect(first?.suppressed_reason).toBe('complained')
    expect((await suppression(s.id))?.suppressed_at).toBeNull()
    expect(await rows('SELECT svix_id FROM webhook_events')).toEqual([{ svix_id: 'msg_same' }])
  })

  it('counts permanent bounces and complaints per day for the operator page, once per event', async () => {
    const s = await insertSubscriber({ email: 'counted@example.com' })
    const bounce = event('email.bounced', s.email, { bounce: { type: 'Permanent' } })
    expect((await post(bounce, { id: 'msg_b1' })).status).toBe(200)
    expect((await post(bounce, { id: 'msg_b1' })).status).toBe(200)
    await post(event('email.bounced', s.email, { bounce: { type: 'Transient' } }))
    await post(event('email.complained', s.email))
    await post(event('email.delivered', s.email))
    const day = new Date().toISOString().slice(0, 10)
    expect(await rows('SELECT day, sent, failed, bounced, complained FROM mail_daily')).toEqual([
      { day, sent: 0, failed: 0, bounced: 1, complained: 1 },
    ])
  })

  it('logs why a webhook was refused, without its payload', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const payload = event('email.complained', 'secret-address@example.com')
    expect((await post(payload, { signature: 'v1,AAAA' })).status).toBe(401)
    const logged = warn.mock.calls.flat().join(' ')
    expect(logged).toMatch(/webhook_rejected/)
    expect(logged).not.toContain('secret-address')
    warn.mockRestore()
  })
})

// The Resend fake behaves like Resend where SIMKeep depends on it: idempotency keys (replay, in
// flight, 24-hour expiry) and a reset that forgets everything.
import { describe, expect, it } from 'vitest'
import { createFakeResend, IDEMPOTENCY_KEY_TTL_MS } from '../fakes/resend'

const email = { from: 'SIMKeep <remind@mail.simkeep.test>', to: 'a@example.com', subject: 'Hi', text: 'x' }

function send(fake: ReturnType<typeof createFakeResend>, key: string, body: unknown = [email]) {
  return fake.fetch('https://resend.fake/emails/batch', {
    method: 'POST',
    headers: { authorization: 'Bearer re_test_key', 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  })
}

describe('fake Resend', () => {
  it('answers 409 concurrent_idempotent_requests while the same key is in flight, then replays', async () => {
    const fake = createFakeResend({ latencyMs: 30 })
    const [first, second] = await Promise.all([send(fake, 'k1'), send(fake, 'k1')])
    expect(first.status).toBe(200)
    expect(second.status).toBe(409)
    expect(((await second.json()) as { name: string }).name).toBe('concurrent_idempotent_requests')
    const replay = await send(fake, 'k1')
    expect(replay.status).toBe(200)
    expect(await replay.json()).toEqual(await first.json())
    expect(fake.emails).toHaveLength(1)
    // Another key is not blocked by this one.
    const [a, b] = await Promise.all([send(fake, 'k2'), send(fake, 'k3')])
    expect([a.status, b.status]).toEqual([200, 200])
  })

  it('forgets a key after 24 hours: the same request is sent again', async () => {
    let clock = Date.UTC(2026, 10, 1)
    const fake = createFakeResend({ now: () => clock })
    await send(fake, 'k')
    clock += IDEMPOTENCY_KEY_TTL_MS - 1
    await send(fake, 'k')
    expect(fake.emails).toHaveLength(1)
    clock += 1
    expect((await send(fake, 'k')).status).toBe(200)
    expect(fake.emails).toHaveLength(2)
  })

  it('reset() clears emails, log, faults, keys and the rate window', async () => {
    const fake = createFakeResend({ rateLimit: 1, rateWindowMs: 60_000 })
    await send(fake, 'k')
    expect((await send(fake, 'other')).status).toBe(429)
    fake.queue.push({ status: 500 })
    fake.reset()
    expect(fake.emails).toEqual([])
    expect(fake.log).toEqual([])
    expect(fake.queue).toEqual([])
    // The key is new again, the rate window is fresh, and no scripted fault is left.
    const res = await send(fake, 'k')
    expect(res.status).toBe(200)
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.id).toBe('fake-000001')
  })
})

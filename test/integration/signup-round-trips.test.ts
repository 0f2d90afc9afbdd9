// Timing: POST /subscribe and POST /manage-link answer before they look anything up (no D1 call before
// the answer, whatever the address), and a sign-up takes at most 2 D1 round trips (find or create the
// address; one batch for the writes) before its email is handed to Resend. Counted through a metered
// D1 binding.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { meterD1 } from '../../src/db/metered'
import { CONFIRMATIONS_PER_HOUR } from '../../src/security/rate-limit'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertSubscriber } from '../helpers/fixtures'
import { encode, type Fields, newIp, ORIGIN, post, validFields } from '../helpers/web'

beforeEach(clearAll)

/** D1 calls made before the answer, and in all (after the work done in waitUntil). */
async function calls(path: string, fields: Fields, atResend?: () => void) {
  const { db, usage } = meterD1(env.DB)
  const ctx = createExecutionContext()
  const request = new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': newIp() },
    body: encode(fields),
  })
  const res = await app.fetch(request, { ...env, DB: db }, ctx)
  const beforeAnswer = usage.calls
  await res.text()
  await waitOnExecutionContext(ctx)
  atResend?.()
  return { status: res.status, beforeAnswer, total: usage.calls }
}

describe('D1 round trips', () => {
  it('POST /subscribe: none before the answer for a new, confirmed, suppressed or capped address', async () => {
    installFakeResend()
    await insertSubscriber({ email: 'confirmed@example.com' })
    await insertSubscriber({ email: 'suppressed@example.com', suppressedAt: 1, suppressedReason: 'bounced' })
    for (let i = 0; i < CONFIRMATIONS_PER_HOUR; i++)
      await post('/subscribe', validFields({ email: 'capped@example.com' }))
    const results = []
    for (const email of ['new@example.com', 'confirmed@example.com', 'suppressed@example.com', 'capped@example.com']) {
      results.push(await calls('/subscribe', validFields({ email })))
    }
    for (const r of results) expect(r).toMatchObject({ status: 200, beforeAnswer: 0 })
  })

  it('POST /manage-link: none before the answer for a known and an unknown address', async () => {
    installFakeResend()
    await insertSubscriber({ email: 'known@example.com', confirmedAt: 1 })
    const known = await calls('/manage-link', { form_lang: 'en', email: 'known@example.com' })
    const unknown = await calls('/manage-link', { form_lang: 'en', email: 'nobody@example.com' })
    expect(known).toMatchObject({ status: 200, beforeAnswer: 0 })
    expect(unknown).toMatchObject({ status: 200, beforeAnswer: 0 })
    // The lookup did happen, after the answer; only the known address got an email written.
    expect(unknown.total).toBe(1)
    expect(known.total).toBeGreaterThan(unknown.total)
  })

  it('a sign-up makes at most 2 D1 round trips before its email reaches Resend', async () => {
    const { db, usage } = meterD1(env.DB)
    let atSend = -1
    const fake = installFakeResend({
      faults: () => {
        if (atSend < 0) atSend = usage.calls
        return 'ok'
      },
    })
    const ctx = createExecutionContext()
    const request = new Request(`${ORIGIN}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': newIp() },
      body: encode(validFields({ email: 'fast@example.com' })),
    })
    const res = await app.fetch(request, { ...env, DB: db }, ctx)
    expect(res.status).toBe(200)
    await waitOnExecutionContext(ctx)
    expect(fake.emails).toHaveLength(1)
    expect(atSend).toBeGreaterThan(0)
    expect(atSend).toBeLessThanOrEqual(2)
    // Then one more: the send is recorded.
    expect(usage.calls).toBe(atSend + 1)
  })
})

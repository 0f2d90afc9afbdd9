// A deployment that would quietly lose mail fails loudly instead: 500 pages and a log line naming the
// setting (never a value), no email stored in the dev mailbox, and a cron run that stops before work.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runScheduler } from '../../src/cron/run'
import worker from '../../src/index'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'
import { encode, validFields } from '../helpers/web'

const PUBLIC = 'https://simkeep.example.com'

async function subscribe(settings: Partial<typeof env>) {
  const ctx = createExecutionContext()
  const url = new URL(settings.PUBLIC_URL ?? env.PUBLIC_URL ?? PUBLIC)
  const res = await worker.fetch(
    new Request(`${url.origin}/subscribe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: url.origin,
        'cf-connecting-ip': '203.0.113.9',
      },
      body: encode(validFields()),
    }),
    { ...env, ...settings },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}

async function stored() {
  const mail = await env.DB.prepare('SELECT count(*) AS n FROM dev_mailbox').first<{ n: number }>()
  const outbox = await env.DB.prepare('SELECT count(*) AS n FROM outbox').first<{ n: number }>()
  const subs = await env.DB.prepare('SELECT count(*) AS n FROM subscribers').first<{ n: number }>()
  return { devMailbox: mail?.n, outbox: outbox?.n, subscribers: subs?.n }
}

describe('loud misconfiguration', () => {
  let log: ReturnType<typeof vi.spyOn>
  beforeEach(async () => {
    await clearAll()
    log = vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => log.mockRestore())
  const logged = () => log.mock.calls.flat().map(String).join(' ')

  it('a public PUBLIC_URL without RESEND_API_KEY answers 500, names the setting and stores no mail', async () => {
    const res = await subscribe({ PUBLIC_URL: PUBLIC, RESEND_API_KEY: undefined })
    expect(res.status).toBe(500)
    expect(logged()).toMatch(/RESEND_API_KEY must be set when PUBLIC_URL is not a loopback URL/)
    expect(await stored()).toEqual({ devMailbox: 0, outbox: 0, subscribers: 0 })
  })

  it('…and its cron run stops before planning or storing anything', async () => {
    const s = await insertSubscriber({ email: 'due@example.com' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, Date.UTC(2027, 0, 1))
    const broken = { ...env, PUBLIC_URL: PUBLIC, RESEND_API_KEY: '' }
    await expect(runScheduler(broken, { now: Date.UTC(2027, 0, 24, 1) })).rejects.toThrow(/RESEND_API_KEY/)
    expect(logged()).toMatch(/cron_config_error.*RESEND_API_KEY/)
    expect(await stored()).toMatchObject({ devMailbox: 0, outbox: 0 })
    const deliveries = await env.DB.prepare('SELECT count(*) AS n FROM deliveries').first<{ n: number }>()
    expect(deliveries?.n).toBe(0)
  })

  it('with a key, the shipped loopback PUBLIC_URL and a MAIL_FROM at localhost are refused the same way', async () => {
    const shipped = { PUBLIC_URL: 'http://localhost:8787', MAIL_FROM: 'SIMKeep <remind@localhost>' }
    const res = await subscribe({ ...shipped, RESEND_BASE_URL: undefined })
    expect(res.status).toBe(500)
    expect(logged()).toMatch(/PUBLIC_URL must be the public address/)
    expect(logged()).toMatch(/MAIL_FROM must be an address on a domain verified in Resend/)
    expect(logged()).not.toContain(env.RESEND_API_KEY ?? 'no key')
    expect(await stored()).toEqual({ devMailbox: 0, outbox: 0, subscribers: 0 })
  })

  it('a malformed RESEND_WEBHOOK_SECRET is refused at the config check, not by every webhook', async () => {
    const res = await subscribe({ RESEND_WEBHOOK_SECRET: 'whsec_not base64!' })
    expect(res.status).toBe(500)
    expect(logged()).toMatch(/RESEND_WEBHOOK_SECRET must be the whsec_/)
    expect(logged()).not.toContain('not base64')
  })

  it('a public URL needs OPERATOR_NAME and OPERATOR_EMAIL', async () => {
    const res = await subscribe({ OPERATOR_NAME: '', OPERATOR_EMAIL: '' })
    expect(res.status).toBe(500)
    expect(logged()).toMatch(/OPERATOR_NAME and OPERATOR_EMAIL must be set/)
  })

  it('local development (loopback URL, no key) still stores mail in the dev mailbox', async () => {
    const res = await subscribe({ PUBLIC_URL: 'http://localhost:8787', RESEND_API_KEY: undefined })
    expect(res.status).toBe(200)
    expect(await stored()).toEqual({ devMailbox: 1, outbox: 1, subscribers: 1 })
  })
})

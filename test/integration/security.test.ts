// CSRF, body limit, rate limits, bad input never 5xx, and a broken configuration failing loudly.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { app } from '../../src/app'
import { sha256Hex } from '../../src/lib/crypto'
import { allowSignup, CLIENT_LIMIT } from '../../src/security/rate-limit'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertSubscriber } from '../helpers/fixtures'
import { encode, get, newIp, ORIGIN, post, row, settleSends, snapshot, token, validFields } from '../helpers/web'

afterEach(settleSends)

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

describe('CSRF', () => {
  it('rejects a cross-site form POST with 403 and stores nothing', async () => {
    const before = await snapshot()
    const res = await post('/subscribe', validFields(), {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toMatch(/another website|其他網站|其他网站/)
    expect(await snapshot()).toBe(before)
  })

  it('rejects a cross-site POST to a manage route', async () => {
    const s = await insertSubscriber()
    const base = `/manage/${await token('manage', s.id)}`
    const before = await snapshot()
    const res = await post(`${base}/delete`, {}, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })
    expect(res.status).toBe(403)
    expect(await snapshot()).toBe(before)
  })

  it('accepts same-origin posts by Origin, and Chromium’s Origin: null with Sec-Fetch-Site: same-origin', async () => {
    expect((await post('/subscribe', validFields(), { 'sec-fetch-site': '' })).status).toBe(200)
    expect((await post('/subscribe', validFields(), { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(
      200,
    )
  })

  it('rejects a cross-site POST whatever its Content-Type (JSON, text, none) and deletes nothing', async () => {
    const s = await insertSubscriber()
    const base = `/manage/${await token('manage', s.id)}`
    const before = await snapshot()
    for (const type of ['application/json', 'text/plain', 'application/octet-stream', null]) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const res = await exports.default.fetch(
          new Request(`${ORIGIN}${base}/delete`, {
            method,
            headers: { origin: 'https://evil.example', ...(type ? { 'content-type': type } : {}) },
            body: type === 'application/json' ? '{}' : 'x',
          }),
        )
        expect(res.status, `${method} ${type}`).toBe(403)
      }
    }
    // Without any Origin or Sec-Fetch-Site the request is not from one of our pages either.
    const bare = await exports.default.fetch(
      new Request(`${ORIGIN}${base}/delete`, { method: 'POST', headers: { 'content-type': 'application/json' } }),
    )
    expect(bare.status).toBe(403)
    expect(await snapshot()).toBe(before)
  })

  it('accepts a same-origin POST of any Content-Type by Origin or Sec-Fetch-Site', async () => {
    const s = await insertSubscriber()
    const base = `/manage/${await token('manage', s.id)}`
    const res = await post(`${base}/delete`, '', {
      'content-type': 'text/plain',
      'sec-fetch-site': 'same-origin',
      origin: 'null',
    })
    expect(res.status).toBe(200)
    expect(await row('SELECT id FROM subscribers WHERE id = ?1', s.id)).toBeNull()
  })

  it('does not apply to the one-click unsubscribe', async () => {
    const s = await insertSubscriber()
    const res = await post(`/unsubscribe/${await token('unsubscribe', s.id)}`, 'List-Unsubscribe=One-Click', {
      origin: 'https://mail.example',
      'sec-fetch-site': 'cross-site',
    })
    expect(res.status).toBe(200)
  })
})

describe('body limit', () => {
  it('answers 413 with a page to a 17 KB body', async () => {
    const body = encode(validFields({ label: 'x'.repeat(17 * 1024) }))
    const res = await post('/subscribe', body)
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    // Also when the size is not announced up front.
    const stream = new Blob([body]).stream()
    const chunked = await exports.default.fetch(
      new Request(`${ORIGIN}/subscribe`, {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        // @ts-expect-error: workerd needs duplex for a streamed body
        duplex: 'half',
      }),
    )
    expect(chunked.status).toBe(413)
  })
})

const SECRET = env.SIGNING_SECRET ?? ''

describe('rate limits', () => {
  it('a client over its sign-up rate gets 429: the form again, values kept, a localized notice on top', async () => {
    const ip = newIp()
    const statuses: number[] = []
    const label = 'Trip <SIM> & co'
    for (let i = 0; i < CLIENT_LIMIT + 3; i++) {
      const fields = validFields({
        form_lang: 'zh-Hant',
        email: 'slow.down@example.com',
        label,
        lead_days: ['7', '20'],
      })
      const res = await post('/subscribe', fields, { 'cf-connecting-ip': ip })
      statuses.push(res.status)
      if (res.status === 429) {
        const html = await res.text()
        expect(html).toContain('lang="zh-Hant-HK"')
        expect(html).toMatch(
          /<div class="summary" role="alert">\s*<p>你在短時間內提交了太多次登記，今次未有寄出確認電郵。請等一分鐘，再提交一次表格。/,
        )
        // Everything typed is still there, ready to send again.
        expect(html).toContain('value="slow.down@example.com"')
        expect(html).toContain('value="Trip &lt;SIM&gt; &amp; co"')
        expect(html).toMatch(/<input[^>]*id="f-lead-other"[^>]*value="20"/)
        expect(html).toMatch(/<form[^>]*action="\/subscribe"/)
        break
      }
    }
    expect(statuses).toEqual([...Array(CLIENT_LIMIT).fill(200), 429])
    // Another client is not affected.
    expect((await post('/subscribe', validFields())).status).toBe(200)
  })

  it('invalid submissions do not count against the sign-up rate', async () => {
    const ip = newIp()
    for (let i = 0; i < CLIENT_LIMIT + 5; i++) {
      const res = await post('/subscribe', validFields({ email: `typo${i}@` }), { 'cf-connecting-ip': ip })
      expect(res.status).toBe(422)
    }
    expect(await row('SELECT * FROM rate_limits')).toBeNull()
    expect((await post('/subscribe', validFields(), { 'cf-connecting-ip': ip })).status).toBe(200)
  })

  it('the D1 fallback counts per client in a fixed window', async () => {
    const now = Date.now()
    const noBinding = { DB: env.DB }
    for (let i = 0; i < CLIENT_LIMIT; i++) expect(await allowSignup(noBinding, SECRET, '192.0.2.9', now)).toBe(true)
    expect(await allowSignup(noBinding, SECRET, '192.0.2.9', now)).toBe(false)
    expect(await allowSignup(noBinding, SECRET, '192.0.2.10', now)).toBe(true)
    expect(await allowSignup(noBinding, SECRET, '192.0.2.9', now + 60_000)).toBe(true)
    // Only a keyed hash of the address is stored: not the address, nor an unsalted hash anyone can
    // recompute for every IPv4 address.
    const keys = (await env.DB.prepare('SELECT key FROM rate_limits').all<{ key: string }>()).results
    expect(keys.length).toBeGreaterThan(0)
    const guesses = await Promise.all(
      ['192.0.2.9', 'client:192.0.2.9', '192.0.2.10', 'client:192.0.2.10'].map(async (v) =>
        (await sha256Hex(v)).slice(0, 32),
      ),
    )
    for (const k of keys) {
      expect(k.key).not.toContain('192.0.2')
      for (const g of guesses) expect(k.key).not.toContain(g)
    }
    // Another signing secret gives other keys.
    await env.DB.prepare('DELETE FROM rate_limits').run()
    await allowSignup(noBinding, 'another-signing-secret-of-at-least-32-bytes', '192.0.2.9', now)
    const other = (await env.DB.prepare('SELECT key FROM rate_limits').all<{ key: string }>()).results
    expect(keys.map((k) => k.key)).not.toContain(other[0]?.key)
  })

  it('counts one IPv6 /64 as one client', async () => {
    const statuses: number[] = []
    for (let i = 0; i < CLIENT_LIMIT + 4; i++) {
      const ip = `2001:db8:aa:${i % 2 ? '0' : ''}1:${((i * 7919) % 65_536).toString(16)}::${i + 1}`
      statuses.push((await post('/subscribe', validFields(), { 'cf-connecting-ip': ip })).status)
    }
    expect(statuses).toEqual([...Array(CLIENT_LIMIT).fill(200), 429, 429, 429, 429])
    // The neighbouring /64 is someone else.
    expect((await post('/subscribe', validFields(), { 'cf-connecting-ip': '2001:db8:aa:2::1' })).status).toBe(200)
  })
})

describe('bad input never answers 5xx', () => {
  it('survives odd paths, encodings and methods', async () => {
    for (const path of [
      '/confirm/%E0%A4%A',
      '/manage/..%2F..%2Fetc',
      `/renewed/${'a'.repeat(5000)}`,
      '/unsubscribe/%00',
    ]) {
      const a = await get(path)
      expect(a.status).toBeLessThan(500)
      const b = await post(path, 'a=%ZZ&&=&b')
      expect(b.status).toBeLessThan(500)
    }
    const weird = await post('/subscribe', 'email=%ZZ&expires_on=%&lead_days=1&lead_days=x')
    expect(weird.status).toBe(422)
  })
})

describe('configuration', () => {
  it('a missing secret gives a 500 page naming no secret, and a clear log line', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const ctx = createExecutionContext()
    const broken = { ...env, SIGNING_SECRET: 'short', RESEND_API_KEY: 're_live_secret_value' }
    const res = await app.fetch(new Request(`${ORIGIN}/`), broken, ctx)
    await waitOnExecutionContext(ctx)
    expect(res.status).toBe(500)
    const html = await res.text()
    expect(html).not.toContain('re_live_secret_value')
    expect(html).not.toContain('short')
    expect(res.headers.get('content-security-policy')).toBeTruthy()
    expect(log.mock.calls.flat().join(' ')).toMatch(/SIGNING_SECRET/)
    expect(log.mock.calls.flat().join(' ')).not.toContain('re_live_secret_value')
    // Nothing was stored.
    expect(await row('SELECT * FROM subscribers')).toBeNull()
    log.mockRestore()
  })
})

describe('Turnstile', () => {
  const turnstileEnv = () => ({
    ...env,
    TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
    TURNSTILE_SECRET_KEY: '1x0000000000000000000000000000000AA',
  })

  async function send(request: Request) {
    const ctx = createExecutionContext()
    const res = await app.fetch(request, turnstileEnv(), ctx)
    await waitOnExecutionContext(ctx)
    return res
  }

  function stubSiteverify(success: boolean) {
    const calls: string[] = []
    const realFetch = globalThis.fetch
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init)
      if (req.url.startsWith('https://challenges.cloudflare.com/')) {
        calls.push(await req.text())
        return Response.json({ success })
      }
      return realFetch(input, init)
    })
    return calls
  }

  it('shows the widget and allows its script in the CSP', async () => {
    const res = await send(new Request(`${ORIGIN}/`))
    const html = await res.text()
    expect(html).toContain('class="cf-turnstile"')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain('https://challenges.cloudflare.com')
    // Its script tag carries this response's nonce, which the CSP allows.
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeTruthy()
    expect(html).toContain(`api.js" async="" defer="" nonce="${nonce}"`)
  })

  it('refuses a sign-up without a valid Turnstile answer, and accepts a verified one', async () => {
    const calls = stubSiteverify(false)
    const req = (fields: Record<string, string | string[]>) =>
      new Request(`${ORIGIN}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': newIp() },
        body: encode(fields),
      })
    const missing = await send(req(validFields({ email: 'ts1@example.com' })))
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('I’m human')
    const rejected = await send(req(validFields({ email: 'ts2@example.com', 'cf-turnstile-response': 'bad' })))
    expect(rejected.status).toBe(422)
    expect(calls.at(-1)).toContain('response=bad')
    expect(await row('SELECT * FROM subscribers')).toBeNull()

    stubSiteverify(true)
    const ok = await send(req(validFields({ email: 'ts3@example.com', 'cf-turnstile-response': 'good' })))
    expect(ok.status).toBe(200)
    expect(await row('SELECT * FROM subscribers WHERE email = ?1', 'ts3@example.com')).not.toBeNull()
  })
})

describe('GET /subscribe', () => {
  it('leads back to the form', async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/subscribe?lang=en`, { redirect: 'manual' }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/?lang=en')
  })
})

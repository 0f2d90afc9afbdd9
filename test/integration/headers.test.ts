// Every HTML response carries a strict CSP (scripts by hash only), nosniff, no framing and a Referrer-Policy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertSubscriber } from '../helpers/fixtures'
import { get, post, settleSends, token, validFields } from '../helpers/web'

afterEach(settleSends)

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

function expectSecureHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? ''
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
  // The page script by its hash; no nonce without Turnstile (no script tag needs one).
  expect(scriptSrc.trim()).toMatch(/^script-src 'sha256-[A-Za-z0-9+/=]+'$/)
  expect(scriptSrc).not.toContain("'unsafe-inline'")
  expect(scriptSrc).not.toContain("'unsafe-eval'")
  expect(csp).toContain("default-src 'none'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  expect(res.headers.get('x-frame-options')).toBe('DENY')
  const permissions = res.headers.get('permissions-policy') ?? ''
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()']) {
    expect(permissions).toContain(feature)
  }
}

describe('security headers', () => {
  it('are on the form, the sent page, token pages, errors and 404s', async () => {
    const s = await insertSubscriber()
    const responses = [
      await get('/'),
      await post('/subscribe', validFields()),
      await post('/subscribe', validFields({ email: 'x' })),
      await get(`/unsubscribe/${await token('unsubscribe', s.id)}`),
      await get(`/manage/${await token('manage', s.id)}`),
      await get('/confirm/broken'),
      await get('/no/such/page'),
    ]
    for (const res of responses) {
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expectSecureHeaders(res)
    }
    // Cut off from cross-origin openers: every page with someone's data; the empty form holds none.
    const [form, ...withData] = responses
    expect(form?.headers.get('cross-origin-opener-policy')).toBe('unsafe-none')
    for (const res of withData) expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  })

  it('every inline script is allowed by its hash', async () => {
    const res = await get('/')
    const csp = res.headers.get('content-security-policy') ?? ''
    const html = await res.text()
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, , body = ''] of scripts) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))
      expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
    }
    expect(html).not.toMatch(/\sstyle="/)
    expect(html).not.toMatch(/\son[a-z]+="/)
  })

  it('a 404 is a localized page', async () => {
    const res = await get('/nope?lang=zh-Hans')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('找不到这个页面')
  })
})

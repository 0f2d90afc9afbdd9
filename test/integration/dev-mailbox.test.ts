// The dev mailbox viewer: only without RESEND_API_KEY, only on loopback, everything escaped.
import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { renderConfirmation } from '../../src/email/render'
import { createDevMailboxTransport } from '../../src/mail/dev-mailbox'

// The test env has RESEND_API_KEY set; the dev mailbox exists only when it is not.
const localEnv = { ...env, RESEND_API_KEY: '', PUBLIC_URL: 'http://localhost:8787' }
const get = (url: string, headers: Record<string, string> = {}) => app.request(url, { headers }, localEnv)

let firstId = ''
let secondId = ''

beforeAll(async () => {
  await env.DB.prepare('DELETE FROM dev_mailbox').run()
  const email = renderConfirmation({
    locale: 'zh-Hant',
    cards: [{ carrier: 'cmhk', expiresOn: '2026-12-03' }],
    confirmUrl: 'http://localhost:8787/confirm/tok-c',
    unsubscribeUrl: 'http://localhost:8787/unsubscribe/tok-u',
    validDays: 7,
    sender: { operator: null, privacyUrl: 'http://localhost:8787/privacy?lang=zh-Hant' },
  })
  const transport = createDevMailboxTransport(env.DB, () => Date.UTC(2026, 10, 25, 10))
  const headers = { 'List-Unsubscribe': '<http://localhost:8787/unsubscribe/tok-u>' }
  const from = 'SIMKeep <remind@localhost>'
  // A tag in the text part, which the viewer shows as text.
  const text = `${email.text}\n<script>alert(1)</script>`
  const first = await transport.sendBatch([{ from, to: 'first@example.com', ...email, text, headers }], 'k1')
  const later = createDevMailboxTransport(env.DB, () => Date.UTC(2026, 10, 25, 11))
  const second = await later.sendBatch(
    [{ from, to: 'second@example.com', subject: 'Evil <b>subject</b>', html: '<p>x</p>', text: 'x', headers }],
    'k2',
  )
  if (!first.ok || !second.ok) throw new Error('dev mailbox insert failed')
  firstId = String(first.ids[0]).replace('dev_', '')
  secondId = String(second.ids[0]).replace('dev_', '')
})

describe('/dev/mailbox', () => {
  it('is 404 while RESEND_API_KEY is set', async () => {
    const res = await exports.default.fetch('http://localhost/dev/mailbox')
    expect(res.status).toBe(404)
    const viaApp = await app.request('http://localhost/dev/mailbox', {}, env)
    expect(viaApp.status).toBe(404)
    expect(await viaApp.text()).not.toContain('first@example.com')
  })

  it('is 404 for a host that is not loopback, by URL or by Host header', async () => {
    expect((await get('http://simkeep.example/dev/mailbox')).status).toBe(404)
    expect((await get('http://localhost/dev/mailbox', { host: 'simkeep.example' })).status).toBe(404)
    expect((await get('http://localhost/dev/mailbox', { host: 'localhost.simkeep.example' })).status).toBe(404)
    expect((await get(`http://192.168.1.5:8787/dev/mailbox/${firstId}`)).status).toBe(404)
    expect((await get(`http://simkeep.example/dev/mailbox/${firstId}/html`)).status).toBe(404)
  })

  it('lists stored mail newest first, escaped, on localhost, 127.0.0.1 and [::1]', async () => {
    for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787']) {
      const res = await get(`http://${host}/dev/mailbox`, { host })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html.indexOf('second@example.com')).toBeLessThan(html.indexOf('first@example.com'))
      expect(html).toContain('請確認你的 SIMKeep 保號提醒')
      expect(html).toContain('Evil &lt;b&gt;subject&lt;/b&gt;')
      expect(html).not.toContain('<b>subject')
      expect(html).toContain(`href="/dev/mailbox/${firstId}"`)
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(res.headers.get('content-security-policy')).not.toContain('script-src')
    }
  })

  it('shows one message: headers, the html in a sandboxed frame, the text and its links', async () => {
    const res = await get(`http://localhost:8787/dev/mailbox/${firstId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('first@example.com')
    expect(html).toContain('SIMKeep &lt;remind@localhost&gt;')
    expect(html).toContain('List-Unsubscribe')
    expect(html).toMatch(new RegExp(`<iframe[^>]*src="/dev/mailbox/${firstId}/html"[^>]*sandbox="allow-popups`))
    expect(html).toContain('href="http://localhost:8787/confirm/tok-c"')
    // the text part is shown escaped: a tag in it never becomes markup on this page
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
  })

  it('serves the stored html on its own route under a sandboxing CSP', async () => {
    const res = await get(`http://localhost:8787/dev/mailbox/${firstId}/html`)
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/^sandbox /)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'self'")
    const body = await res.text()
    expect(body).toContain('<base target="_blank">')
    expect(body).toContain('確認你的保號提醒')
  })

  it('is 404 for an unknown or malformed id', async () => {
    expect((await get('http://localhost/dev/mailbox/999999')).status).toBe(404)
    expect((await get('http://localhost/dev/mailbox/abc')).status).toBe(404)
    expect((await get(`http://localhost/dev/mailbox/${secondId}x/html`)).status).toBe(404)
  })
})

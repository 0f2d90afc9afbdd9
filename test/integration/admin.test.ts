// GET /admin behind Cloudflare Access: 404 unless configured, 403 without a token that verifies
// against the team's keys (RS256, issuer, audience, expiry), and the operator's figures when it does.
// The team's certs endpoint is faked at the network edge with a key pair made here.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { countMailStatement, recordCronRun } from '../../src/db/operator'
import worker from '../../src/index'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const TEAM = 'simkeep-test.cloudflareaccess.com'
const AUD = 'a1b2c3d4e5f6-test-audience'
const CERTS = `https://${TEAM}/cdn-cgi/access/certs`
const adminEnv = { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD }

type Key = Awaited<ReturnType<typeof generateKeyPair>>
let teamKey: Key
let strangerKey: Key
let certsFetched = 0

beforeAll(async () => {
  teamKey = await generateKeyPair('RS256', { extractable: true })
  strangerKey = await generateKeyPair('RS256', { extractable: true })
})

beforeEach(async () => {
  await clearAll()
  certsFetched = 0
  const jwk = { ...(await exportJWK(teamKey.publicKey)), kid: 'team-key-1', alg: 'RS256', use: 'sig' }
  const realFetch = globalThis.fetch
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === CERTS) {
      certsFetched++
      return Promise.resolve(Response.json({ keys: [jwk], public_cert: { kid: 'team-key-1' }, public_certs: [] }))
    }
    return realFetch(input, init)
  })
})
afterEach(() => vi.unstubAllGlobals())

async function token(
  opts: { key?: Key; aud?: string; iss?: string; exp?: string | number; kid?: string; email?: string } = {},
) {
  return new SignJWT({ email: opts.email ?? 'operator@example.com', type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'team-key-1' })
    .setIssuer(opts.iss ?? `https://${TEAM}`)
    .setAudience(opts.aud ?? AUD)
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign((opts.key ?? teamKey).privateKey)
}

async function admin(headers: Record<string, string> = {}, settings: object = adminEnv, path = '/admin') {
  const ctx = createExecutionContext()
  const res = await worker.fetch(new Request(`https://simkeep.test${path}`, { headers }), settings as typeof env, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

describe('GET /admin', () => {
  it('does not exist without ACCESS_TEAM_DOMAIN and ACCESS_AUD', async () => {
    expect((await admin({ 'cf-access-jwt-assertion': await token() }, env)).status).toBe(404)
    expect(certsFetched).toBe(0)
  })

  it('is 403 without a token, with a forged, foreign, expired or misaddressed one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const good = await token()
    const [header, payload] = good.split('.')
    const bad = [
      undefined,
      'not-a-jwt',
      `${header}.${payload}.${'A'.repeat(342)}`,
      await token({ key: strangerKey }),
      await token({ key: strangerKey, kid: 'other-key' }),
      await token({ aud: 'another-application' }),
      await token({ iss: 'https://other-team.cloudflareaccess.com' }),
      await token({ exp: Math.floor(Date.now() / 1000) - 120 }),
      // An unsigned token (alg none) is never accepted.
      `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${payload}.`,
    ]
    for (const t of bad) {
      const res = await admin(t === undefined ? {} : { 'cf-access-jwt-assertion': t })
      expect(res.status, String(t).slice(0, 40)).toBe(403)
      expect(await res.text()).not.toContain('Subscribers')
    }
    expect((await admin({}, adminEnv, '/admin/admin.css')).status).toBe(403)
    expect(warn.mock.calls.flat().join(' ')).toMatch(/admin_denied/)
    warn.mockRestore()
  })

  it('shows subscribers, cards, mail per day, rates against 0.3%, backlog and cron runs', async () => {
    const now = Date.now()
    const active = await insertSubscriber({ email: 'a@example.com' })
    await insertSubscriber({ email: 'p@example.com', status: 'pending' })
    await insertSubscriber({ email: 'u@example.com', status: 'unsubscribed' })
    await insertScheduledCard(active, { expiresOn: '2027-06-30' }, now - 86_400_000)
    await insertScheduledCard(active, { expiresOn: '2027-08-31' }, now - 86_400_000)
    await env.DB.batch([
      countMailStatement(env.DB, now, { sent: 1000, failed: 7, bounced: 2, complained: 4 }),
      countMailStatement(env.DB, now - 86_400_000, { sent: 500 }),
    ])
    await recordCronRun(env.DB, {
      scheduledAt: now - 60_000,
      finishedAt: now - 58_000,
      ms: 2000,
      due: 3,
      rendered: 3,
      sent: 3,
      failed: 0,
      retried: 0,
      d1Calls: 9,
      rowsRead: 120,
      stopped: 'rate_limited',
    })

    const res = await admin({ 'cf-access-jwt-assertion': await token() })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    const html = await res.text()
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('Confirmed 1')
    expect(text).toContain('Waiting for confirmation 1')
    expect(text).toContain('Unsubscribed 1')
    expect(text).toContain('Active cards 2')
    expect(text).toContain('1,500 sent, 7 failed in 30 days')
    // 2 of 1,500 bounced (0.13%, under the line); 4 complaints (0.27%, under); the chart and the line are drawn.
    expect(text).toContain('Bounce rate: 0.13% (2 of 1,500)')
    expect(text).toContain('Complaint rate: 0.27% (4 of 1,500)')
    expect(text).not.toContain('above 0.3%')
    expect(html).toMatch(/<svg[^>]*role="img"/)
    expect(text).toContain('signed in as operator@example.com')
    expect(text).toContain('rate_limited')
    expect(text).toMatch(/Emails waiting to be sent \d/)
    expect(html).not.toMatch(/<script/)
  })

  it('marks a complaint rate above 0.3%', async () => {
    await env.DB.batch([countMailStatement(env.DB, Date.now(), { sent: 1000, complained: 4 })])
    const html = await (await admin({ 'cf-access-jwt-assertion': await token() })).text()
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('Complaint rate: 0.40% (4 of 1,000) above 0.3%')
  })

  it("fetches the team's keys once, not on every request", async () => {
    for (let i = 0; i < 3; i++) expect((await admin({ 'cf-access-jwt-assertion': await token() })).status).toBe(200)
    expect((await admin({ 'cf-access-jwt-assertion': await token() }, adminEnv, '/admin/admin.css')).status).toBe(200)
    expect(certsFetched).toBeLessThanOrEqual(1)
  })
})

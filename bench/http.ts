// HTTP load with autocannon against wrangler dev: GET / and POST /subscribe, with a bare Hono baseline.
import autocannon from 'autocannon'

export interface LoadResult {
  target: string
  route: string
  requests: number
  rps: number
  p50: number
  p99: number
  /** connection errors, timeouts, and statuses other than 2xx/3xx/429 */
  errors: number
  /** our own sign-up rate limiter's answers */
  tooMany: number
  statuses: Record<string, number>
}

export interface FormTemplate {
  action: string
  hidden: Array<[string, string]>
  cookie: string
}

/** Reads the form the way a browser would: its action, hidden fields and cookies. */
export async function readForm(base: string): Promise<FormTemplate> {
  const res = await fetch(`${base}/?lang=en`, { headers: { 'cf-connecting-ip': '198.51.100.1' } })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`GET / answered ${res.status}`)
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html)
  const action = form?.[1]?.replace(/&amp;/g, '&') || '/subscribe'
  const hidden: Array<[string, string]> = []
  for (const m of (form?.[2] ?? html).matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0]
    if (!/\btype="hidden"/i.test(tag)) continue
    const name = /\bname="([^"]*)"/i.exec(tag)?.[1]
    const value = /\bvalue="([^"]*)"/i.exec(tag)?.[1] ?? ''
    if (name) hidden.push([name, decodeEntities(value)])
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { action, hidden, cookie }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The n-th distinct client address, as CF-Connecting-IP carries it. */
export function clientIp(n: number): string {
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

function expiryIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

export function subscribeBody(template: FormTemplate, n: number): string {
  const p = new URLSearchParams(template.hidden)
  p.set('email', `bench-${process.pid}-${n}@example.com`)
  p.set('expires_on', expiryIn(30 + (n % 300)))
  p.set('label', `Bench card ${n}`)
  p.set('carrier', 'cmhk')
  p.set('cycle_days', '30')
  p.append('lead_days', '7')
  p.append('lead_days', '1')
  p.set('balance_check', 'monthly')
  p.set('locale', 'en')
  p.set('timezone', 'Asia/Hong_Kong')
  return p.toString()
}

async function run(opts: autocannon.Options, meta: { target: string; route: string }): Promise<LoadResult> {
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
  })
  const statuses: Record<string, number> = {}
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = Number(v.count)
  const ok = Object.entries(statuses)
    .filter(([c]) => Number(c) >= 200 && Number(c) < 400)
    .reduce((a, [, n]) => a + n, 0)
  const tooMany = statuses['429'] ?? 0
  const answered = Object.values(statuses).reduce((a, n) => a + n, 0)
  return {
    ...meta,
    requests: answered,
    rps: answered / (r.duration || 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + (answered - ok - tooMany),
    tooMany,
    statuses,
  }
}

/** GET `path` for `seconds` over `connections` connections (after a short warm-up). */
export async function loadGet(base: string, target: string, seconds: number, connections: number) {
  await run({ url: `${base}/`, duration: 2, connections: 2 }, { target, route: 'warm-up' })
  let n = 0
  return run(
    {
      url: `${base}/`,
      duration: seconds,
      connections,
      requests: [
        {
          method: 'GET',
          path: '/?lang=en',
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'cf-connecting-ip': clientIp(++n) } }),
        },
      ],
    },
    { target, route: 'GET /' },
  )
}

/** POST the sign-up form with a distinct email and client address per request. */
export async function loadSubscribe(
  base: string,
  target: string,
  seconds: number,
  connections: number,
  template: FormTemplate,
  offset: number,
) {
  let n = offset
  const origin = new URL(base).origin
  const headers = (body: string) => ({
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    origin,
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'navigate',
    referer: `${origin}/`,
    ...(template.cookie ? { cookie: template.cookie } : {}),
    'cf-connecting-ip': clientIp(n),
  })
  const opts = (duration: number): autocannon.Options => ({
    url: base,
    duration,
    connections,
    requests: [
      {
        method: 'POST',
        path: template.action,
        setupRequest: (req) => {
          n++
          const body = subscribeBody(template, n)
          return { ...req, method: 'POST', path: template.action, body, headers: { ...req.headers, ...headers(body) } }
        },
      },
    ],
  })
  await run(opts(2), { target, route: 'warm-up' })
  return run(opts(seconds), { target, route: 'POST /subscribe' })
}

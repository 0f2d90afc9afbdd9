// A fake Resend API as Resend documents it: POST /emails and POST /emails/batch with Idempotency-Key
// (a replay answers the first answer; a key still in flight gets 409 concurrent_idempotent_requests;
// keys expire after 24 hours), ratelimit-* headers, and 429/5xx/hangs on demand.
// Pure web APIs (Request → Response), so it runs inside workerd tests and in a Node server.

export interface FakeEmail {
  id: string
  from: string
  to: string[]
  subject: string
  html?: string
  text?: string
  headers: Record<string, string>
  idempotencyKey: string | null
}

/** What the fake does with one request; 'ok' processes it normally. */
export type Fault =
  | 'ok'
  | { status: 500 }
  | { status: 429; retryAfterSeconds: number }
  | { status: 429; quota: 'daily' | 'monthly' }
  | 'hang'
  | 'network'
  /** processes the request (emails accepted) but the answer is lost: the client sees a network error */
  | 'lost-response'

export interface FakeResendOptions {
  apiKey?: string
  /** requests allowed per rate window (Resend's default is 2/s); Infinity for none */
  rateLimit?: number
  rateWindowMs?: number
  /** chooses a fault per request (index counts every request received) */
  faults?: (index: number, request: Request) => Fault
  /** the clock; tests may drive it */
  now?: () => number
  /** how long Resend takes over each request before answering (real time), e.g. to overlap retries */
  latencyMs?: number
}

/** Resend keeps an idempotency key for 24 hours; after that the same key is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000

export interface FakeResend {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  handle: (request: Request) => Promise<Response>
  /** every email Resend accepted, once each (replays do not add) */
  emails: FakeEmail[]
  /** every request received: path, status answered, Idempotency-Key */
  log: Array<{ path: string; status: number | 'hang' | 'network' | 'lost'; key: string | null; count: number }>
  /** scripted faults consumed before `faults` is asked */
  queue: Fault[]
  /** forgets everything: emails, log, faults, idempotency keys (done and in flight), rate window, ids */
  reset: () => void
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

const error = (status: number, name: string, message: string, headers: Record<string, string> = {}) =>
  json(status, { statusCode: status, name, message }, headers)

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/
const FROM = /^(?:[^<>\r\n]+<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/

function validate(email: unknown): string | null {
  if (!email || typeof email !== 'object') return 'The email must be an object.'
  const e = email as Record<string, unknown>
  if (typeof e.from !== 'string' || !FROM.test(e.from)) return 'Invalid `from` field.'
  const to = typeof e.to === 'string' ? [e.to] : e.to
  if (!Array.isArray(to) || to.length < 1 || to.length > 50) return 'Invalid `to` field.'
  for (const t of to) if (typeof t !== 'string' || !ADDRESS.test(t)) return `Invalid \`to\` field: ${String(t)}`
  if (typeof e.subject !== 'string' || /[\r\n]/.test(e.subject)) return 'Invalid `subject` field.'
  if (e.html === undefined && e.text === undefined) return 'Missing `html` or `text` field.'
  if (e.headers !== undefined) {
    if (typeof e.headers !== 'object' || e.headers === null) return 'Invalid `headers` field.'
    for (const [k, v] of Object.entries(e.headers)) {
      if (typeof v !== 'string' || /[\r\n]/.test(k + v)) return 'Invalid `headers` field.'
    }
  }
  return null
}

export function createFakeResend(options: FakeResendOptions = {}): FakeResend {
  const apiKey = options.apiKey ?? 're_test_key'
  const now = options.now ?? Date.now
  const rateWindowMs = options.rateWindowMs ?? 1000
  const limit = options.rateLimit ?? Number.POSITIVE_INFINITY
  let received = 0
  let windowStart = 0
  let windowCount = 0
  let nextId = 1
  const idempotent = new Map<string, { body: string; status: number; payload: unknown; at: number }>()
  /** keys (scoped by path) of requests Resend is still working on */
  const inFlight = new Set<string>()

  const fake: FakeResend = {
    emails: [],
    log: [],
    queue: [],
    reset() {
      fake.emails.length = 0
      fake.log.length = 0
      fake.queue.length = 0
      idempotent.clear()
      inFlight.clear()
      received = 0
      windowStart = 0
      windowCount = 0
      nextId = 1
    },
    fetch: (input, init) => fake.handle(new Request(input, init)),
    async handle(request) {
      const key = request.headers.get('idempotency-key')
      const scopedKey = key === null ? null : `${new URL(request.url).pathname} ${key}`
      // A key is in flight from the moment its request arrives until it is answered (or abandoned).
      const concurrent = scopedKey !== null && inFlight.has(scopedKey)
      const holds = scopedKey !== null && !concurrent
      if (holds) inFlight.add(scopedKey)
      try {
        return await respond(request, concurrent)
      } finally {
        if (holds) inFlight.delete(scopedKey)
      }
    },
  }

  async function respond(request: Request, concurrent: boolean): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    const key = request.headers.get('idempotency-key')
    const index = received++
    const fault = fake.queue.shift() ?? options.faults?.(index, request) ?? 'ok'
    const body = await request.text()
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
    const count = (() => {
      try {
        const parsed = JSON.parse(body)
        return Array.isArray(parsed) ? parsed.length : 1
      } catch {
        return 0
      }
    })()
    const record = (status: number | 'hang' | 'network' | 'lost') => fake.log.push({ path, status, key, count })

    if (fault === 'network') {
      record('network')
      throw new TypeError('Network connection lost.')
    }
    if (fault === 'hang') {
      record('hang')
      // Never answers; only the client's abort ends it.
      return new Promise<Response>((_, reject) => {
        const signal = request.signal
        if (signal.aborted) reject(signal.reason)
        signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')))
      })
    }

    // Rate limiting counts every authenticated request, like Resend's per-team limit.
    const t = now()
    if (t - windowStart >= rateWindowMs) {
      windowStart = t
      windowCount = 0
    }
    windowCount++
    const resetSeconds = Math.max(1, Math.ceil((windowStart + rateWindowMs - t) / 1000))
    const rl: Record<string, string> = Number.isFinite(limit)
      ? {
          'ratelimit-limit': String(limit),
          'ratelimit-remaining': String(Math.max(0, limit - windowCount)),
          'ratelimit-reset': String(resetSeconds),
        }
      : {}

    const answer = (res: Response) => {
      if (fault === 'lost-response') {
        record('lost')
        throw new TypeError('Network connection lost.')
      }
      record(res.status)
      return res
    }
    if (request.headers.get('authorization') !== `Bearer ${apiKey}`) {
      return answer(error(401, 'missing_api_key', 'Missing or invalid API key.'))
    }
    if (windowCount > limit) {
      return answer(
        error(429, 'rate_limit_exceeded', 'Too many requests.', { ...rl, 'retry-after': String(resetSeconds) }),
      )
    }
    if (typeof fault === 'object' && fault.status === 500) {
      return answer(error(500, 'internal_server_error', 'Something went wrong.', rl))
    }
    if (typeof fault === 'object' && fault.status === 429) {
      if ('quota' in fault) {
        return answer(
          error(429, `${fault.quota}_quota_exceeded`, `You have reached your ${fault.quota} email quota.`, rl),
        )
      }
      return answer(
        error(429, 'rate_limit_exceeded', 'Too many requests.', {
          ...rl,
          'retry-after': String(fault.retryAfterSeconds),
        }),
      )
    }
    if (request.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch')) {
      return answer(error(404, 'not_found', 'Not found.'))
    }
    if (key !== null && (key.length < 1 || key.length > 256)) {
      return answer(error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'))
    }
    const scopedKey = key === null ? null : `${path} ${key}`
    if (scopedKey !== null) {
      if (concurrent) {
        return answer(error(409, 'concurrent_idempotent_requests', 'Same idempotency key in flight.'))
      }
      const seen = idempotent.get(scopedKey)
      if (seen && t - seen.at >= IDEMPOTENCY_KEY_TTL_MS) idempotent.delete(scopedKey)
      else if (seen) {
        if (seen.body !== body) {
          return answer(
            error(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.'),
          )
        }
        return answer(json(seen.status, seen.payload, rl))
      }
    }

    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return answer(error(422, 'validation_error', 'Invalid JSON body.'))
    }
    const batch = path === '/emails/batch'
    const items = batch ? parsed : [parsed]
    if (!Array.isArray(items) || items.length < 1 || items.length > 100) {
      return answer(error(422, 'validation_error', 'A batch holds 1 to 100 emails.'))
    }
    const permissive = batch && request.headers.get('x-batch-validation') === 'permissive'
    const problems = items.map(validate)
    if (!permissive && problems.some((p) => p !== null)) {
      const i = problems.findIndex((p) => p !== null)
      return answer(error(422, 'validation_error', `emails[${i}]: ${problems[i]}`))
    }
    const data: Array<{ id: string }> = []
    const errors: Array<{ index: number; message: string }> = []
    items.forEach((item, i) => {
      const problem = problems[i]
      if (problem) {
        errors.push({ index: i, message: problem })
        return
      }
      const e = item as Record<string, unknown>
      const id = `fake-${String(nextId++).padStart(6, '0')}`
      data.push({ id })
      fake.emails.push({
        id,
        from: e.from as string,
        to: typeof e.to === 'string' ? [e.to] : (e.to as string[]),
        subject: e.subject as string,
        html: e.html as string | undefined,
        text: e.text as string | undefined,
        headers: (e.headers as Record<string, string> | undefined) ?? {},
        idempotencyKey: key,
      })
    })
    const payload = batch ? (permissive ? { data, errors } : { data }) : data[0]
    if (scopedKey !== null) idempotent.set(scopedKey, { body, status: 200, payload, at: t })
    return answer(json(200, payload, rl))
  }
  return fake
}

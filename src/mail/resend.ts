// Resend transport: POST /emails/batch through the resend SDK, with an Idempotency-Key,
// permissive validation, a client timeout, and Resend's answers mapped to SendBatchResult.
import { Resend } from 'resend'
import type { OutgoingMessage } from '../domain/types'
import type { MailTransport, RateLimitInfo, SendBatchResult } from './transport'

interface ResendTransportOptions {
  apiKey: string
  baseUrl: string
  /** client timeout per request; a hung request is a retryable failure */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 10_000

/** Header values and subjects must be one line: labels are user input. */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ')
}

function toResendEmail(m: OutgoingMessage) {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(m.headers)) headers[oneLine(k)] = oneLine(v)
  return { from: oneLine(m.from), to: [m.to], subject: oneLine(m.subject), html: m.html, text: m.text, headers }
}

function num(value: string | undefined): number | null {
  if (value === undefined) return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

function rateLimitFrom(headers: Record<string, string> | null): RateLimitInfo | null {
  if (!headers) return null
  const limit = num(headers['ratelimit-limit'])
  const remaining = num(headers['ratelimit-remaining'])
  const reset = num(headers['ratelimit-reset'])
  if (limit === null && remaining === null && reset === null) return null
  return { limit, remaining, resetMs: reset === null ? null : reset * 1000 }
}

/**
 * One SDK client per key and base URL in each isolate: building one (headers, user agent) showed in
 * a sign-up's CPU profile, and a client keeps no state between requests (each copies its headers).
 */
const clients = new Map<string, Resend>()
const CLIENTS_MAX = 8

function resendClient(apiKey: string, baseUrl: string): Resend {
  const key = `${baseUrl} ${apiKey}`
  let client = clients.get(key)
  if (!client) {
    client = new Resend(apiKey, { baseUrl })
    if (clients.size >= CLIENTS_MAX) clients.clear()
    clients.set(key, client)
  }
  return client
}

export function createResendTransport(options: ResendTransportOptions): MailTransport {
  const resend = resendClient(options.apiKey, options.baseUrl)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  return {
    name: 'resend',
    async sendBatch(messages, idempotencyKey): Promise<SendBatchResult> {
      const signal = AbortSignal.timeout(timeoutMs)
      let res: Awaited<ReturnType<typeof resend.batch.send>>
      try {
        res = await resend.batch.send(messages.map(toResendEmail), {
          idempotencyKey,
          batchValidation: 'permissive',
          signal,
        })
      } catch (err) {
        // The SDK returns errors rather than throwing, except for an abort while reading a body.
        return { ok: false, kind: 'retryable', message: `request failed: ${String(err)}`, rateLimit: null }
      }
      const rateLimit = rateLimitFrom(res.headers)
      if (!res.error) {
        const data = res.data as { data?: Array<{ id: string }>; errors?: Array<{ index: number; message: string }> }
        const errors = data.errors ?? []
        const rejected = new Set(errors.map((e) => e.index))
        // data lists only the accepted emails, in order; spread them over the accepted positions.
        const accepted = [...(data.data ?? [])]
        const ids = messages.map((_, i) => (rejected.has(i) ? null : (accepted.shift()?.id ?? null)))
        return { ok: true, ids, errors, rateLimit }
      }
      const { statusCode, name, message } = res.error as { statusCode: number | null; name: string; message: string }
      const text = `${statusCode ?? 'network'} ${name}: ${message}`
      if (/quota/.test(name)) return { ok: false, kind: 'quota', message: text, rateLimit }
      if (statusCode === 429) {
        const retryAfter = num(res.headers?.['retry-after']) ?? (rateLimit?.resetMs ?? 1000) / 1000
        return {
          ok: false,
          kind: 'rate_limited',
          retryAfterMs: Math.max(0, retryAfter) * 1000,
          message: text,
          rateLimit,
        }
      }
      if (statusCode === null || statusCode >= 500) return { ok: false, kind: 'retryable', message: text, rateLimit }
      // Another request with this key is still in flight: its answer will be replayed later.
      if (statusCode === 409 && name === 'concurrent_idempotent_requests') {
        return { ok: false, kind: 'retryable', message: text, rateLimit }
      }
      if (statusCode === 401 || statusCode === 403) return { ok: false, kind: 'unauthorized', message: text, rateLimit }
      return { ok: false, kind: 'invalid', message: text, rateLimit }
    },
  }
}

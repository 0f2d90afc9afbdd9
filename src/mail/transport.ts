// The interface every mail transport (Resend, the dev mailbox) implements.
import type { OutgoingMessage } from '../domain/types'

export interface RateLimitInfo {
  limit: number | null
  remaining: number | null
  /** ms until the window resets */
  resetMs: number | null
}

export type SendBatchResult =
  | {
      ok: true
      /** provider id per message, by position; null where that message was rejected */
      ids: Array<string | null>
      /** per-message validation errors (permissive batch validation) */
      errors: Array<{ index: number; message: string }>
      rateLimit: RateLimitInfo | null
    }
  | { ok: false; kind: 'rate_limited'; retryAfterMs: number; message: string; rateLimit: RateLimitInfo | null }
  /** 5xx, timeouts and network errors: try again later */
  | { ok: false; kind: 'retryable'; message: string; rateLimit: RateLimitInfo | null }
  /** daily or monthly quota exhausted: stop sending this run */
  | { ok: false; kind: 'quota'; message: string; rateLimit: RateLimitInfo | null }
  /** the whole request was rejected (4xx other than 429): do not retry as is */
  | { ok: false; kind: 'invalid'; message: string; rateLimit: RateLimitInfo | null }
  /** the API key was refused (401/403): nothing can be sent until an operator fixes it */
  | { ok: false; kind: 'unauthorized'; message: string; rateLimit: RateLimitInfo | null }

export interface MailTransport {
  readonly name: 'resend' | 'dev-mailbox'
  /** Sends up to 100 messages in one request; the same key and body must be safe to repeat. */
  sendBatch(messages: OutgoingMessage[], idempotencyKey: string): Promise<SendBatchResult>
}

// Sign-up rate limits: per client (Workers binding, else D1), and per mailbox (3 confirmation-kind
// emails an hour, 6 a day, counted over every variant of the address).
// Counters are keyed by an HMAC of the client's address under the signing secret: an unsalted hash of
// an IPv4 address is reversed by hashing all 2^32 of them.
import type { MailboxCaps } from '../db/outbox'
import { hitRateLimit, pruneRateLimits } from '../db/rate-limits'
import { normaliseMailbox } from '../domain/mailbox'
import type { Env } from '../env'
import { keyedHashHex } from '../lib/crypto'

export { clientBucket } from './client-address'

/** Same numbers as the binding in wrangler.toml: 10 sign-ups a minute per client. */
export const CLIENT_LIMIT = 10
export const CLIENT_WINDOW_MS = 60_000
/** Contract: at most 3 confirmation emails an hour to one mailbox (manage-link emails count too). */
export const CONFIRMATIONS_PER_HOUR = 3
/**
 * Beside the hourly cap, at most 6 a day: a person needs one or two (a typo, a second card, a lost
 * link), so two full hours of retries is plenty, while someone aiming the form at a stranger's inbox
 * gets 6 emails through a day instead of 72.
 */
export const CONFIRMATIONS_PER_DAY = 6

/** The counter key for `purpose` and a client or address: 128 bits of an HMAC, never the value itself. */
export async function rateKey(secret: string, purpose: string, value: string): Promise<string> {
  return `${purpose}:${(await keyedHashHex(secret, 'rate-limit', `${purpose}:${value}`)).slice(0, 32)}`
}

/** True when this client (see clientBucket) may sign up now. Counts the attempt. */
export async function allowSignup(
  env: Pick<Env, 'DB' | 'SUBSCRIBE_LIMITER'>,
  secret: string,
  client: string,
  now: number,
): Promise<boolean> {
  const key = await rateKey(secret, 'subscribe', client)
  if (env.SUBSCRIBE_LIMITER) {
    try {
      const { success } = await env.SUBSCRIBE_LIMITER.limit({ key })
      return success
    } catch (err) {
      console.error('SUBSCRIBE_LIMITER failed; using the D1 rate limit', err)
    }
  }
  const count = await hitRateLimit(env.DB, key, CLIENT_WINDOW_MS, now)
  // Occasional clean-up keeps the table to the last few windows without a cron job.
  if (count === 1 && Math.random() < 0.05) await pruneRateLimits(env.DB, now - 24 * 3_600_000)
  return count <= CLIENT_LIMIT
}

/** The caps for mail to `email` at `now`, keyed by its normalised mailbox (never stored in clear). */
export async function mailboxCaps(secret: string, email: string, now: number): Promise<MailboxCaps> {
  return {
    key: (await keyedHashHex(secret, 'mailbox', normaliseMailbox(email))).slice(0, 32),
    perHour: CONFIRMATIONS_PER_HOUR,
    hourSince: now - 3_600_000,
    perDay: CONFIRMATIONS_PER_DAY,
    daySince: now - 86_400_000,
  }
}

// Sign-up rate limits: per client (Workers binding, else D1) and per address (3 confirmations an hour).
// Counters are keyed by an HMAC of the client's address under the signing secret: an unsalted hash of
// an IPv4 address is reversed by hashing all 2^32 of them.
import { hitRateLimit, pruneRateLimits } from '../db/rate-limits'
import type { Env } from '../env'
import { keyedHashHex } from '../lib/crypto'
import { countRecentConfirmations } from '../mail/outbox'

export { clientBucket } from './client-address'

/** Same numbers as the binding in wrangler.toml: 10 sign-ups a minute per client. */
export const CLIENT_LIMIT = 10
export const CLIENT_WINDOW_MS = 60_000
export const CONFIRMATIONS_PER_HOUR = 3

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

/** True while this address has had fewer than 3 confirmation emails in the last hour. */
export async function mayEmailConfirmation(db: D1Database, subscriberId: string, now: number): Promise<boolean> {
  return (await countRecentConfirmations(db, subscriberId, now - 3_600_000)) < CONFIRMATIONS_PER_HOUR
}

// Sign-up rate limits: per client (Workers binding, else D1) and per address (3 emails an hour).
import { countTransactionalSince } from '../db/outbox'
import { hitRateLimit, pruneRateLimits } from '../db/rate-limits'
import type { Env } from '../env'
import { sha256Hex } from '../lib/crypto'

/** Same numbers as the binding in wrangler.toml: 10 sign-ups a minute per client. */
export const CLIENT_LIMIT = 10
const CLIENT_WINDOW_MS = 60_000
/** Confirmation and manage-link emails together, per address (contract: 3 confirmations an hour). */
const ADDRESS_EMAILS_PER_HOUR = 3

/** The client's address as Cloudflare saw it; one shared bucket when it is missing. */
export function clientKey(headers: Headers): string {
  return (headers.get('cf-connecting-ip') ?? '').trim().slice(0, 64) || 'unknown'
}

/** True when this client may sign up now. Counts the attempt. */
export async function allowSignup(
  env: Pick<Env, 'DB' | 'SUBSCRIBE_LIMITER'>,
  client: string,
  now: number,
): Promise<boolean> {
  // Only a hash of the IP address is used as the key: it is never stored in clear.
  const key = `subscribe:${(await sha256Hex(`client:${client}`)).slice(0, 32)}`
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

/** True while this address has had fewer than 3 confirmation or manage-link emails in the last hour. */
export async function mayEmailAddress(db: D1Database, subscriberId: string, now: number): Promise<boolean> {
  // Counts stored ones too: a pending email will be sent, so it counts against the cap.
  return (await countTransactionalSince(db, subscriberId, now - 3_600_000)) < ADDRESS_EMAILS_PER_HOUR
}

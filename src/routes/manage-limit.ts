// Rate limit on the manage page's changes (POST /manage/{token}…): per client and per address, so
// neither a script holding one link nor one client holding many can flood the database.
import type { MiddlewareHandler } from 'hono'
import { hitRateLimits } from '../db/rate-limits'
import type { AppEnv } from '../env'
import { clientBucket } from '../security/client-address'
import { checkToken } from '../security/link-token'
import { rateKey } from '../security/rate-limit'
import { sendMessage } from './respond'

/** A person saving every one of 20 cards twice, plus settings, stays well under this per hour. */
export const MANAGE_POSTS_PER_ADDRESS = 60
export const ADDRESS_WINDOW_MS = 3_600_000
/** One client: a burst of quick saves is fine; a script is not. */
export const MANAGE_POSTS_PER_CLIENT = 30
export const MANAGE_CLIENT_WINDOW_MS = 60_000

export const limitManagePosts: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next()
  const config = c.get('config')
  const now = Date.now()
  // A bad link costs nothing to answer (404, no D1 call) and names no address to count.
  const check = await checkToken(config, c.req.param('token') ?? '', 'manage', now)
  if (!check.ok) return next()
  const [perClient = 0, perAddress = 0] = await hitRateLimits(
    c.env.DB,
    [
      {
        key: await rateKey(config.signingSecret, 'manage-client', clientBucket(c.req.raw.headers)),
        windowMs: MANAGE_CLIENT_WINDOW_MS,
      },
      { key: await rateKey(config.signingSecret, 'manage-address', check.claims.subject), windowMs: ADDRESS_WINDOW_MS },
    ],
    now,
  )
  if (perClient > MANAGE_POSTS_PER_CLIENT || perAddress > MANAGE_POSTS_PER_ADDRESS) {
    return sendMessage(c, 429, 'manageTooManyTitle', ['manageTooManyBody'])
  }
  return next()
}

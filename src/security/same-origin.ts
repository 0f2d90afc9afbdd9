// Every unsafe request must come from our own pages, whatever its Content-Type (a JSON or text POST
// from another site is refused too, without relying on the browser's preflight).
import type { Context, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../env'

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/

/**
 * Accepts a request when the browser says it is same-origin (Sec-Fetch-Site: Chromium sends
 * `Origin: null` on same-origin posts under Referrer-Policy: no-referrer), or when its Origin is one of
 * `allowed`. Neither header, or another site's: 403, as Hono's csrf() answers a cross-site form post.
 */
export function sameOriginOnly(allowed: (c: Context<AppEnv>) => string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHOD.test(c.req.method)) return next()
    if (c.req.header('sec-fetch-site') === 'same-origin') return next()
    const origin = c.req.header('origin')
    if (origin && allowed(c).includes(origin)) return next()
    throw new HTTPException(403, { message: 'cross-origin request refused' })
  }
}

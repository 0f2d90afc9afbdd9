// Routes: the operator page behind Cloudflare Access. 404 unless ACCESS_TEAM_DOMAIN and ACCESS_AUD
// are set; 403 without a Cf-Access-Jwt-Assertion that verifies (security/access.ts).
import { Hono } from 'hono'
import { adminStats } from '../db/admin-stats'
import { utcDay } from '../db/operator'
import type { AppEnv, Ctx } from '../env'
import { ACCESS_HEADER, verifyAccess } from '../security/access'
import { ADMIN_CSS } from '../views/admin-css'
import { AdminPage } from '../views/admin-page'
import { sendMessage } from './respond'

/** Days of mail figures on the page: the window the 0.3% complaint guidance is usually read over. */
const DAYS = 30
/** Cron runs listed. */
const RUNS = 20

export const adminRoutes = new Hono<AppEnv>()

/** The verified Access identity's email, or the answer to send instead (404 unconfigured, 403 refused). */
async function authorize(c: Ctx): Promise<{ email: string | null } | { response: Response | Promise<Response> }> {
  const access = c.get('config').access
  if (!access) return { response: c.notFound() }
  const check = await verifyAccess(c.req.header(ACCESS_HEADER), access)
  if (!check.ok) {
    console.warn(JSON.stringify({ event: 'admin_denied', reason: check.reason }))
    return { response: sendMessage(c, 403, 'forbiddenTitle', ['forbiddenBody']) }
  }
  c.header('Cache-Control', 'no-store')
  c.header('X-Robots-Tag', 'noindex')
  return { email: typeof check.identity.email === 'string' ? check.identity.email : null }
}

adminRoutes.get('/', async (c) => {
  const auth = await authorize(c)
  if ('response' in auth) return auth.response
  const now = Date.now()
  const days = Array.from({ length: DAYS }, (_, i) => utcDay(now - (DAYS - 1 - i) * 86_400_000))
  const stats = await adminStats(c.env.DB, days[0] as string, RUNS)
  return c.html(<AdminPage stats={stats} days={days} now={now} who={auth.email} />)
})

adminRoutes.get('/admin.css', async (c) => {
  const auth = await authorize(c)
  if ('response' in auth) return auth.response
  c.header('Content-Type', 'text/css; charset=utf-8')
  return c.body(ADMIN_CSS)
})

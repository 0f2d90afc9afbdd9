// The Hono app: shared middleware, then one router per resource.
import { Hono } from 'hono'
import type { Config } from './config'
import type { Locale } from './domain/types'
import type { Env } from './env'
import { calendarRoutes } from './routes/calendar'
import { confirmRoutes } from './routes/confirm'
import { devOutboxRoutes } from './routes/dev-outbox'
import { formRoutes } from './routes/form'
import { manageRoutes } from './routes/manage'
import { renewedRoutes } from './routes/renewed'
import { unsubscribeRoutes } from './routes/unsubscribe'
import { webhookRoutes } from './routes/webhooks'

export type AppEnv = {
  Bindings: Env
  Variables: {
    config: Config
    locale: Locale
    secureHeadersNonce?: string
  }
}

export const app = new Hono<AppEnv>()

app.get('/healthz', (c) => c.json({ ok: true }))

app.route('/', formRoutes)
app.route('/confirm', confirmRoutes)
app.route('/manage', manageRoutes)
app.route('/renewed', renewedRoutes)
app.route('/unsubscribe', unsubscribeRoutes)
app.route('/webhooks', webhookRoutes)
app.route('/calendar', calendarRoutes)
app.route('/dev/outbox', devOutboxRoutes)

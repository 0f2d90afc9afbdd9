// The Hono app: shared middleware (headers, config, language, limits, CSRF, errors), then one router per resource.
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie, setCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { ConfigError, getConfig } from './config'
import { isLocale } from './domain/types'
import type { AppEnv } from './env'
import { LOCALE_COOKIE, negotiateLocale } from './i18n/locale'
import { adminRoutes } from './routes/admin'
import { calendarRoutes } from './routes/calendar'
import { confirmRoutes } from './routes/confirm'
import { devMailboxRoutes } from './routes/dev-mailbox'
import { formRoutes } from './routes/form'
import { healthRoutes } from './routes/health'
import { manageRoutes } from './routes/manage'
import { manageLinkRoutes } from './routes/manage-link'
import { privacyRoutes } from './routes/privacy'
import { renewedRoutes } from './routes/renewed'
import { resendRoutes } from './routes/resend'
import { sendMessage } from './routes/respond'
import { unsubscribeRoutes } from './routes/unsubscribe'
import { webhookRoutes } from './routes/webhooks'
import { sameOriginOnly } from './security/same-origin'
import { PAGE_SCRIPT_HASH } from './views/page-script'

const BODY_LIMIT = 16 * 1024
// Resend's webhook events are small, but a bounce can quote a long SMTP answer.
const WEBHOOK_BODY_LIMIT = 64 * 1024
const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com'

function headers(turnstile: boolean): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      // Inline scripts only by hash (the page script); no 'unsafe-inline', no eval. Only Turnstile's
      // script tag needs this response's nonce, so without it no nonce is made or allowed.
      scriptSrc: turnstile ? [NONCE, PAGE_SCRIPT_HASH, TURNSTILE_ORIGIN] : [PAGE_SCRIPT_HASH],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameSrc: turnstile ? ["'self'", TURNSTILE_ORIGIN] : ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // No page needs a camera, a location or a payment sheet; nothing embedded may ask for one either.
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      bluetooth: [],
      hid: [],
      midi: [],
      displayCapture: [],
      browsingTopics: [],
    },
    // Tokens live in URLs: never leak them to another site.
    referrerPolicy: 'no-referrer',
    // A route may set its own stricter or looser policy (e.g. a raw email preview).
    overwrite: false,
  })
}
const plainHeaders = headers(false)
const turnstileHeaders = headers(true)

export const app = new Hono<AppEnv>()

app.use((c, next) => (c.env.TURNSTILE_SITE_KEY ? turnstileHeaders : plainHeaders)(c, next))

// Language: ?lang= > cookie > Accept-Language > zh-Hant. A ?lang= choice is remembered.
app.use(async (c, next) => {
  const query = c.req.query('lang')
  const cookie = getCookie(c, LOCALE_COOKIE)
  c.set('locale', negotiateLocale(query, cookie, c.req.header('accept-language')))
  c.set('localeChosen', isLocale(query) || isLocale(cookie))
  if (isLocale(query) && query !== cookie) {
    setCookie(c, LOCALE_COOKIE, query, {
      path: '/',
      maxAge: 365 * 86_400,
      sameSite: 'Lax',
      httpOnly: true,
      secure: new URL(c.req.url).protocol === 'https:',
    })
  }
  await next()
})

// Settings are checked once per isolate; a broken deployment answers 500 instead of losing mail.
app.use(async (c, next) => {
  try {
    c.set('config', getConfig(c.env))
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(err.message)
    return sendMessage(c, 500, 'configTitle', ['configBody'], { homeLink: false })
  }
  await next()
})

const tooLarge = bodyLimit({
  maxSize: BODY_LIMIT,
  onError: (c) => sendMessage(c, 413, 'tooLargeTitle', ['tooLargeBody']),
})
const webhookLimit = bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT })
app.use((c, next) => (c.req.path.startsWith('/webhooks/') ? webhookLimit(c, next) : tooLarge(c, next)))

// Every unsafe request must come from our own pages, whatever its Content-Type. Exempt: RFC 8058
// one-click unsubscribe (mail clients send no cookie and no Origin; the signed token is the
// authority) and Resend's webhooks (Svix signatures). Sec-Fetch-Site: same-origin is accepted, since
// browsers send Origin: null under Referrer-Policy: no-referrer.
const sameOrigin = sameOriginOnly((c) => [new URL(c.req.url).origin, new URL(c.get('config').publicUrl).origin])
app.use((c, next) => {
  const path = c.req.path
  if (path.startsWith('/unsubscribe/') || path.startsWith('/webhooks/')) return next()
  return sameOrigin(c, next)
})

// No icon: browsers still ask, and a 404 there is logged as a console error.
app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }))

app.route('/subscribe/resend', resendRoutes)
app.route('/', formRoutes)
app.route('/healthz', healthRoutes)
app.route('/admin', adminRoutes)
app.route('/confirm', confirmRoutes)
app.route('/manage', manageRoutes)
app.route('/manage-link', manageLinkRoutes)
app.route('/privacy', privacyRoutes)
app.route('/renewed', renewedRoutes)
app.route('/unsubscribe', unsubscribeRoutes)
app.route('/webhooks', webhookRoutes)
app.route('/calendar', calendarRoutes)
app.route('/dev/mailbox', devMailboxRoutes)

app.notFound((c) => sendMessage(c, 404, 'notFoundTitle', ['notFoundBody']))

// Never shows internals; a client's mistake stays a 4xx.
app.onError((err, c) => {
  if (err instanceof HTTPException) {
    if (err.status === 403) return sendMessage(c, 403, 'forbiddenTitle', ['forbiddenBody'])
    if (err.status === 413) return sendMessage(c, 413, 'tooLargeTitle', ['tooLargeBody'])
    if (err.status < 500) return sendMessage(c, err.status, 'badRequestTitle', ['badRequestBody'])
  }
  console.error('Unhandled error', c.req.method, c.req.path, err)
  return sendMessage(c, 500, 'errorTitle', ['errorBody'])
})

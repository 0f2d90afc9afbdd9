// Routes: the sign-up form (GET /), POST /subscribe (double opt-in), and the stylesheet.
import { Hono } from 'hono'
import {
  insertPendingCardStatement,
  pendingTwinStatement,
  replaceConfirmHashStatement,
  twinFromResult,
} from '../db/cards'
import { findOrCreateSubscriberStatement, subscriberFromResult } from '../db/subscribers'
import { rawForm } from '../domain/raw-form'
import { confirmNonce, TOKEN_TTL_MS } from '../domain/tokens'
import { isLocale, type Locale } from '../domain/types'
import type { Subscription } from '../domain/validate'
import { validateSubscription } from '../domain/validate'
import type { AppEnv, Ctx } from '../env'
import { randomId, sha256Hex } from '../lib/crypto'
import { isHoneypotFilled } from '../security/honeypot'
import { allowSignup, clientBucket } from '../security/rate-limit'
import { formString, readForm } from '../security/read-form'
import { TURNSTILE_FIELD, verifyTurnstile } from '../security/turnstile'
import { FormPage } from '../views/form-page'
import { emptyForm } from '../views/form-values'
import { SITE_CSS } from '../views/styles'
import { holdConfirmation } from './confirmation-mail'
import { messages, sendBytes, sendPage, sendTypedAddressPage } from './respond'

export const formRoutes = new Hono<AppEnv>()

formRoutes.get('/assets/site.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8')
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(SITE_CSS)
})

/**
 * The empty form is the same for every visitor of a language (no nonce: its script goes by hash), so
 * it is rendered once per language and send hour in each isolate, and kept as UTF-8 bytes: encoding the
 * ~28 KB page was the largest part of answering it. With Turnstile its script tag needs the request's
 * nonce, so that page is rendered each time. Bounded: three languages × one send hour per deployment.
 */
const emptyPages = new Map<string, ArrayBuffer>()

/**
 * The one page without Cross-Origin-Opener-Policy: same-origin. The empty form is the same for every
 * visitor and holds nothing of anyone's, so cutting a cross-origin opener off protects nothing here, while
 * the browsing-context-group swap it forces on arrival (from an email app, a chat or a search result) is
 * the largest main-thread cost of the first load on a phone: ~600 ms of Lighthouse's Total Blocking Time
 * under its 4× CPU, measured by serving the same page with and without the header. Every page that shows
 * a person's data (an answered form, token pages) keeps same-origin.
 */
const OPENER_POLICY_FOR_EMPTY_FORM = 'unsafe-none'

/**
 * HTML lets an option's end tag go when another option, the end of its group or of the select follows,
 * which is every option here; hono/jsx always writes it. Dropping them takes 3.8 KB (~14%) off the
 * empty form, most of it the ~420 time zones. Only this page, rendered from our own copy, is rewritten.
 */
function withoutOptionEndTags(html: string): string {
  return html.replaceAll('</option>', '')
}

formRoutes.get('/', (c) => {
  c.header('Cross-Origin-Opener-Policy', OPENER_POLICY_FOR_EMPTY_FORM)
  const locale = c.get('locale')
  const config = c.get('config')
  const page = (nonce: string | undefined) => (
    <FormPage
      t={messages(c)}
      locale={locale}
      raw={emptyForm(locale)}
      errors={{}}
      nonce={nonce}
      turnstileSiteKey={config.turnstile?.siteKey ?? null}
      sendHour={config.sendHour}
    />
  )
  if (config.turnstile) return sendPage(c, page(c.get('secureHeadersNonce')))
  const key = `${locale} ${config.sendHour}`
  let bytes = emptyPages.get(key)
  if (bytes === undefined) {
    const encoded = new TextEncoder().encode(withoutOptionEndTags(String(page(undefined))))
    bytes = encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength) as ArrayBuffer
    emptyPages.set(key, bytes)
  }
  return sendBytes(c, bytes)
})

// A bookmarked or reloaded answer page leads back to the form.
formRoutes.get('/subscribe', (c) => c.redirect(`/?lang=${c.get('locale')}`, 303))

formRoutes.post('/subscribe', async (c) => {
  const now = Date.now()
  const body = await readForm(c)
  // The page answers in the language the form was shown in, even without a cookie.
  const formLang = formString(body, 'form_lang')
  if (isLocale(formLang)) c.set('locale', formLang)
  const locale = c.get('locale')
  const config = c.get('config')

  // A bot that filled the invisible field gets the usual answer and nothing happens.
  if (isHoneypotFilled(body)) {
    const raw = rawForm(body, { locale })
    return sentPage(c, raw.email, isLocale(raw.locale) ? raw.locale : locale)
  }

  const result = validateSubscription(rawForm(body, { locale }), now)
  const showForm = (status: 422 | 429, formError?: string) =>
    sendPage(
      c,
      <FormPage
        t={messages(c)}
        locale={locale}
        raw={result.raw}
        errors={result.ok ? {} : result.errors}
        nonce={c.get('secureHeadersNonce')}
        turnstileSiteKey={config.turnstile?.siteKey ?? null}
        formError={formError}
        sendHour={config.sendHour}
      />,
      status,
    )
  if (!result.ok) return showForm(422)

  // Counted only now: a rejected form costs no email and no write, and a person fixing typos
  // must not lock themselves out. Over the limit they keep what they typed.
  if (!(await allowSignup(c.env, c.get('config').signingSecret, clientBucket(c.req.raw.headers), now))) {
    return showForm(429, messages(c).tooManyBody)
  }

  if (config.turnstile) {
    const ip = c.req.header('cf-connecting-ip') ?? null
    if (!(await verifyTurnstile(config.turnstile.secretKey, body[TURNSTILE_FIELD], ip))) {
      return showForm(422, messages(c).turnstileFailed)
    }
  }

  // Answer first: whether the address is new, pending, confirmed, suppressed or over its cap is
  // decided after the answer, so the answer takes the same time and the same D1 calls for all (none
  // with the rate-limit binding, the counter's one without).
  const work = startConfirmation(c, result.value, now).catch((err) => console.error('sign-up deferred', err))
  c.executionCtx.waitUntil(work)
  return sentPage(c, result.raw.email, result.value.locale)
})

/**
 * The same page whatever the address's state, so the form tells nobody who subscribed: what to look
 * for (From and subject, in the email's language), and a "send it again" button.
 */
export const sentPage = (c: Ctx, typed: string, emailLocale: Locale) =>
  sendTypedAddressPage(c, 'sentBody', typed, { emailLocale })

/**
 * Stores a pending card and its confirmation email, unless the mailbox may not get one now, and sends
 * it: two D1 round trips (find or create the address with any twin of the card; one batch for the
 * writes), then the send.
 */
async function startConfirmation(c: Ctx, sub: Subscription, now: number): Promise<void> {
  const db = c.env.DB
  // One round trip: the address (found or created) and any card this very form already made and
  // that still waits for confirmation (a reloaded answer page, a second tap).
  const [found, twinFound] = await db.batch([
    findOrCreateSubscriberStatement(db, {
      id: randomId(),
      email: sub.email,
      locale: sub.locale,
      timezone: sub.timezone,
      now,
    }),
    pendingTwinStatement(db, sub.email, sub.settings, now - TOKEN_TTL_MS.confirm),
  ])
  const subscriber = subscriberFromResult(found)
  const twin = twinFromResult(twinFound)
  // Mail to a bounced or complaining address hurts deliverability for everyone: send nothing.
  if (subscriber.suppressedAt !== null) {
    console.log('subscribe: address is suppressed; no confirmation sent')
    return
  }

  // The same form sent again confirms the card it already made: its confirmation goes out once more
  // (with a link that works alongside the first), and no twin card waits to be confirmed beside it.
  const cardId = twin?.id ?? randomId()
  const nonce = await confirmNonce(c.get('config').signingSecret, cardId)
  const held = await holdConfirmation(c, {
    subscriber,
    card: { id: cardId, settings: sub.settings },
    nonce,
    locale: sub.locale,
    now,
  })
  const confirmHash = await sha256Hex(nonce)
  // The email is stored only under the mailbox's caps, and the card only with its email.
  const [stored] = await db.batch([
    ...held.insert,
    twin
      ? replaceConfirmHashStatement(db, {
          id: cardId,
          confirmHash,
          outboxId: held.outboxId,
          locale: sub.locale,
          timezone: sub.timezone,
        })
      : insertPendingCardStatement(db, {
          id: cardId,
          subscriberId: subscriber.id,
          settings: sub.settings,
          confirmHash,
          locale: sub.locale,
          timezone: sub.timezone,
          now,
          outboxId: held.outboxId,
        }),
  ])
  if ((stored?.meta.changes ?? 0) === 0) {
    console.log('subscribe: confirmation cap reached for a mailbox; no email sent')
    return
  }
  await held.send()
}

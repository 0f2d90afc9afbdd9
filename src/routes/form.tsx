// Routes: the sign-up form (GET /), POST /subscribe (double opt-in), and the stylesheet.
import { Hono } from 'hono'
import { insertPendingCardStatement } from '../db/cards'
import { findOrCreateSubscriber } from '../db/subscribers'
import { TOKEN_TTL_MS } from '../domain/tokens'
import { isLocale } from '../domain/types'
import type { Subscription } from '../domain/validate'
import { rawForm, validateSubscription } from '../domain/validate'
import { renderConfirmation } from '../email/render'
import type { AppEnv, Ctx } from '../env'
import { randomId, sha256Hex } from '../lib/crypto'
import { buildLink } from '../links'
import { holdTransactional } from '../mail/transactional'
import { isHoneypotFilled } from '../security/honeypot'
import { allowSignup, clientBucket } from '../security/rate-limit'
import { formString, readForm } from '../security/read-form'
import { TURNSTILE_FIELD, verifyTurnstile } from '../security/turnstile'
import { FormPage } from '../views/form-page'
import { emptyForm } from '../views/form-values'
import { SITE_CSS } from '../views/styles'
import { messages, sendPage, sendTypedAddressPage } from './respond'

export const formRoutes = new Hono<AppEnv>()

formRoutes.get('/assets/site.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8')
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(SITE_CSS)
})

formRoutes.get('/', (c) => {
  const locale = c.get('locale')
  return sendPage(
    c,
    <FormPage
      t={messages(c)}
      locale={locale}
      raw={emptyForm(locale)}
      errors={{}}
      nonce={c.get('secureHeadersNonce')}
      turnstileSiteKey={c.get('config').turnstile?.siteKey ?? null}
    />,
  )
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
  if (isHoneypotFilled(body)) return sentPage(c, rawForm(body, { locale }).email)

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
  return sentPage(c, result.raw.email)
})

/** The same page whatever the address's state, so the form tells nobody who subscribed. */
const sentPage = (c: Ctx, typed: string) => sendTypedAddressPage(c, 'sentBody', typed)

/**
 * Stores a pending card and its confirmation email, unless the mailbox may not get one now, and sends
 * it: two D1 round trips (find or create the address; one batch for the writes), then the send.
 */
async function startConfirmation(c: Ctx, sub: Subscription, now: number): Promise<void> {
  const db = c.env.DB
  const config = c.get('config')
  const subscriber = await findOrCreateSubscriber(db, {
    id: randomId(),
    email: sub.email,
    locale: sub.locale,
    timezone: sub.timezone,
    now,
  })
  // Mail to a bounced or complaining address hurts deliverability for everyone: send nothing.
  if (subscriber.suppressedAt !== null) {
    console.log('subscribe: address is suppressed; no confirmation sent')
    return
  }

  const cardId = randomId()
  const nonce = randomId()
  const confirmUrl = await buildLink(config, 'confirm', cardId, now, nonce)
  const unsubscribeUrl = await buildLink(config, 'unsubscribe', subscriber.id, now)
  const email = renderConfirmation({
    locale: sub.locale,
    cards: [{ carrier: sub.settings.carrier, expiresOn: sub.settings.expiresOn }],
    confirmUrl,
    unsubscribeUrl,
    validDays: Math.round(TOKEN_TTL_MS.confirm / 86_400_000),
  })
  const held = await holdTransactional(c.env, config, {
    kind: 'confirm',
    subscriberId: subscriber.id,
    to: subscriber.email,
    email,
    unsubscribeUrl,
    now,
  })
  // The email is stored only under the mailbox's caps, and the card only with its email.
  const [stored] = await db.batch([
    held.insert,
    insertPendingCardStatement(db, {
      id: cardId,
      subscriberId: subscriber.id,
      settings: sub.settings,
      confirmHash: await sha256Hex(nonce),
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

// POST /manage-link: "already signed up? email me my link". The same answer whether or not the
// address has reminders; a confirmed, unsuppressed address gets the link, one still waiting for its
// confirmation gets that again.
import { Hono } from 'hono'
import { findSubscriberByEmail } from '../db/subscribers'
import { TOKEN_TTL_MS } from '../domain/tokens'
import { isLocale } from '../domain/types'
import { checkEmail } from '../domain/validate'
import { renderManageLink } from '../email/render'
import { emailSender } from '../email/sender'
import type { AppEnv, Ctx } from '../env'
import { buildLink } from '../links'
import { holdTransactional } from '../mail/transactional'
import { isHoneypotFilled } from '../security/honeypot'
import { allowSignup, clientBucket } from '../security/rate-limit'
import { formString, readForm } from '../security/read-form'
import { errorText } from '../views/fields'
import { FormPage } from '../views/form-page'
import { emptyForm } from '../views/form-values'
import { resendConfirmation } from './confirmation-mail'
import { messages, sendPage, sendTypedAddressPage } from './respond'

export const manageLinkRoutes = new Hono<AppEnv>()

// A reloaded or bookmarked answer page leads back to the form.
manageLinkRoutes.get('/', (c) => c.redirect(`/?lang=${c.get('locale')}`, 303))

manageLinkRoutes.post('/', async (c) => {
  const now = Date.now()
  const body = await readForm(c)
  const formLang = formString(body, 'form_lang')
  if (isLocale(formLang)) c.set('locale', formLang)
  const typed = formString(body, 'email').trim()
  if (isHoneypotFilled(body)) return linkSentPage(c, typed)

  const checked = checkEmail(typed)
  const t = messages(c)
  const showForm = (status: 422 | 429, error: string) =>
    sendPage(
      c,
      <FormPage
        t={t}
        locale={c.get('locale')}
        raw={emptyForm(c.get('locale'))}
        errors={{}}
        nonce={c.get('secureHeadersNonce')}
        turnstileSiteKey={null}
        sendHour={c.get('config').sendHour}
        linkRequest={{ email: typed, error }}
      />,
      status,
    )
  if ('error' in checked) return showForm(422, errorText(t, checked.error))
  // The same per-client budget as sign-ups: both send email to a typed address.
  if (!(await allowSignup(c.env, c.get('config').signingSecret, clientBucket(c.req.raw.headers), now)))
    return showForm(429, t.tooManyBody)

  // Answer first: the lookup runs after the answer, so a known and an unknown address take the same
  // time and the same D1 calls before it (none with the rate-limit binding).
  c.executionCtx.waitUntil(
    sendManageLink(c, checked.email, now).catch((err) => console.error('manage link deferred', err)),
  )
  return linkSentPage(c, typed)
})

const linkSentPage = (c: Ctx, typed: string) => sendTypedAddressPage(c, 'linkSentBody', typed)

/** Stores and sends the email for a confirmed address, under the same per-mailbox caps as confirmations. */
async function sendManageLink(c: Ctx, email: string, now: number): Promise<void> {
  const db = c.env.DB
  const config = c.get('config')
  const subscriber = await findSubscriberByEmail(db, email)
  if (!subscriber || subscriber.suppressedAt !== null) return
  // Not confirmed yet: what this address needs is its confirmation (say, the email got lost).
  if (subscriber.confirmedAt === null) return resendConfirmation(c, subscriber, now)
  const manageUrl = await buildLink(config, 'manage', subscriber.id, now)
  const unsubscribeUrl = await buildLink(config, 'unsubscribe', subscriber.id, now)
  const rendered = renderManageLink({
    locale: subscriber.locale,
    manageUrl,
    unsubscribeUrl,
    validDays: Math.round(TOKEN_TTL_MS.manage / 86_400_000),
    sender: emailSender(config, subscriber.locale),
  })
  const held = await holdTransactional(c.env, config, {
    kind: 'manage_link',
    subscriberId: subscriber.id,
    to: subscriber.email,
    email: rendered,
    unsubscribeUrl,
    now,
  })
  const [stored] = await db.batch(held.insert)
  if ((stored?.meta.changes ?? 0) > 0) await held.send()
}

// POST /subscribe/resend: "send it again" on the check-inbox page. Sends the newest pending card's
// confirmation once more, within the same per-mailbox caps as sign-ups (3 an hour, 6 a day), and
// answers exactly as the sign-up did, whatever the address's state. It never creates a card, and the
// earlier emails' links keep working (the card's confirmation nonce is stable).
import { Hono } from 'hono'
import { findSubscriberByEmail } from '../db/subscribers'
import { isLocale } from '../domain/types'
import { checkEmail } from '../domain/validate'
import type { AppEnv, Ctx } from '../env'
import { allowSignup, clientBucket } from '../security/rate-limit'
import { formString, readForm } from '../security/read-form'
import { resendConfirmation } from './confirmation-mail'
import { sendMessage, sendTypedAddressPage } from './respond'

export const resendRoutes = new Hono<AppEnv>()

// A reloaded answer page leads back to the form.
resendRoutes.get('/', (c) => c.redirect(`/?lang=${c.get('locale')}`, 303))

resendRoutes.post('/', async (c) => {
  const now = Date.now()
  const body = await readForm(c)
  const formLang = formString(body, 'form_lang')
  if (isLocale(formLang)) c.set('locale', formLang)
  const typed = formString(body, 'email').trim()
  const emailLang = formString(body, 'locale')
  const emailLocale = isLocale(emailLang) ? emailLang : c.get('locale')
  // The same per-client budget as sign-ups: both send email to a typed address.
  if (!(await allowSignup(c.env, c.get('config').signingSecret, clientBucket(c.req.raw.headers), now))) {
    return sendMessage(c, 429, 'sentTitle', ['tooManyBody'])
  }
  const checked = checkEmail(typed)
  // Answer first, as the sign-up does: the lookup runs after the answer, so every address takes the
  // same time and the same D1 calls before it.
  if (!('error' in checked)) {
    c.executionCtx.waitUntil(resend(c, checked.email, now).catch((err) => console.error('resend deferred', err)))
  }
  return sendTypedAddressPage(c, 'sentBody', typed, { emailLocale })
})

async function resend(c: Ctx, email: string, now: number): Promise<void> {
  const subscriber = await findSubscriberByEmail(c.env.DB, email)
  if (subscriber) await resendConfirmation(c, subscriber, now)
}

// POST /subscribe/resend: "send it again" on the check-inbox page. Sends the newest pending card's
// confirmation once more, within the same 3-an-hour cap per address, and answers exactly as the
// sign-up did, whatever the address's state. It never creates a card.
import { Hono } from 'hono'
import { latestPendingCard, replaceConfirmHash } from '../db/cards'
import { findSubscriberByEmail } from '../db/subscribers'
import { TOKEN_TTL_MS } from '../domain/tokens'
import { isLocale } from '../domain/types'
import { checkEmail } from '../domain/validate'
import type { AppEnv } from '../env'
import { randomId, sha256Hex } from '../lib/crypto'
import { allowSignup, clientKey, mayEmailAddress } from '../security/rate-limit'
import { formString, readForm } from '../security/read-form'
import { queueConfirmation } from './confirmation-mail'
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
  if (!(await allowSignup(c.env, clientKey(c.req.raw.headers), now))) {
    return sendMessage(c, 429, 'sentTitle', ['tooManyBody'])
  }
  const checked = checkEmail(typed)
  if (!('error' in checked)) await resend(c.env.DB, checked.email, now, (args) => queueConfirmation(c, args))
  return sendTypedAddressPage(c, 'sentBody', typed, { emailLocale })
})

async function resend(
  db: D1Database,
  email: string,
  now: number,
  queue: (args: Parameters<typeof queueConfirmation>[1]) => Promise<void>,
): Promise<void> {
  const subscriber = await findSubscriberByEmail(db, email)
  if (!subscriber || subscriber.suppressedAt !== null) return
  const card = await latestPendingCard(db, subscriber.id, now - TOKEN_TTL_MS.confirm)
  if (!card) return
  if (!(await mayEmailAddress(db, subscriber.id, now))) {
    console.log('resend: confirmation cap reached for an address; no email sent')
    return
  }
  // Only the hash of a confirmation nonce is stored, so the email gets a new link (the newest works).
  const nonce = randomId()
  await replaceConfirmHash(db, card.id, await sha256Hex(nonce))
  await queue({
    subscriber,
    card: { id: card.id, settings: card },
    nonce,
    locale: card.pendingLocale ?? subscriber.locale,
    now,
  })
}

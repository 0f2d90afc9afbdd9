// POST /subscribe/resend: "send it again" on the check-inbox page. Sends the newest pending card's
// confirmation once more, within the same per-mailbox caps as sign-ups (3 an hour, 6 a day), and
// answers exactly as the sign-up did, whatever the address's state. It never creates a card, and the
// earlier emails' links keep working (the card's confirmation nonce is stable).
import { Hono } from 'hono'
import { latestPendingCard, replaceConfirmHashStatement } from '../db/cards'
import { findSubscriberByEmail } from '../db/subscribers'
import { confirmNonce, TOKEN_TTL_MS } from '../domain/tokens'
import { isLocale } from '../domain/types'
import { checkEmail } from '../domain/validate'
import type { AppEnv, Ctx } from '../env'
import { sha256Hex } from '../lib/crypto'
import { allowSignup, clientBucket } from '../security/rate-limit'
import { formString, readForm } from '../security/read-form'
import { holdConfirmation } from './confirmation-mail'
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
  const db = c.env.DB
  const subscriber = await findSubscriberByEmail(db, email)
  if (!subscriber || subscriber.suppressedAt !== null) return
  const card = await latestPendingCard(db, subscriber.id, now - TOKEN_TTL_MS.confirm)
  if (!card) return
  // The card's stable nonce: the link in this email works alongside the earlier ones.
  const nonce = await confirmNonce(c.get('config').signingSecret, card.id)
  const held = await holdConfirmation(c, {
    subscriber,
    card: { id: card.id, settings: card },
    nonce,
    locale: card.pendingLocale ?? subscriber.locale,
    now,
  })
  // The email is stored only under the mailbox's caps.
  const [stored] = await db.batch([
    ...held.insert,
    replaceConfirmHashStatement(db, { id: card.id, confirmHash: await sha256Hex(nonce), outboxId: held.outboxId }),
  ])
  if ((stored?.meta.changes ?? 0) === 0) {
    console.log('resend: confirmation cap reached for a mailbox; no email sent')
    return
  }
  await held.send()
}

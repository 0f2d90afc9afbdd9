// Renders the confirmation email of one pending card (after sign-up, and "send it again") and holds it
// for the caller's D1 batch, where the per-mailbox caps decide whether it is stored and sent; and sends
// an address's newest pending card's confirmation again.
import { latestPendingCard, replaceConfirmHashStatement } from '../db/cards'
import { confirmNonce, TOKEN_TTL_MS } from '../domain/tokens'
import type { CardSettings, Locale, Subscriber } from '../domain/types'
import { renderConfirmation } from '../email/render'
import { emailSender } from '../email/sender'
import type { Ctx } from '../env'
import { sha256Hex } from '../lib/crypto'
import { buildLink } from '../links'
import { type HeldEmail, holdTransactional } from '../mail/transactional'

export async function holdConfirmation(
  c: Ctx,
  args: {
    subscriber: { id: string; email: string }
    /** No free text from the form: carrier and date recognise the card (the label shows after confirming). */
    card: { id: string; settings: Pick<CardSettings, 'carrier' | 'expiresOn'> }
    /** the confirmation nonce whose hash the card stores */
    nonce: string
    locale: Locale
    now: number
  },
): Promise<HeldEmail> {
  const config = c.get('config')
  const { subscriber, card, nonce, locale, now } = args
  const confirmUrl = await buildLink(config, 'confirm', card.id, now, nonce)
  const unsubscribeUrl = await buildLink(config, 'unsubscribe', subscriber.id, now)
  const email = renderConfirmation({
    locale,
    cards: [{ carrier: card.settings.carrier, expiresOn: card.settings.expiresOn }],
    confirmUrl,
    unsubscribeUrl,
    validDays: Math.round(TOKEN_TTL_MS.confirm / 86_400_000),
    sender: emailSender(config, locale),
  })
  return holdTransactional(c.env, config, {
    kind: 'confirm',
    subscriberId: subscriber.id,
    to: subscriber.email,
    email,
    unsubscribeUrl,
    now,
  })
}

/**
 * The newest pending card's confirmation once more ("send it again", or "email me my link" from an
 * address not yet confirmed), within the same per-mailbox caps. Nothing for a suppressed address or
 * one with no card waiting. The card's stable nonce keeps the earlier emails' links working.
 */
export async function resendConfirmation(c: Ctx, subscriber: Subscriber, now: number): Promise<void> {
  const db = c.env.DB
  if (subscriber.suppressedAt !== null) return
  const card = await latestPendingCard(db, subscriber.id, now - TOKEN_TTL_MS.confirm)
  if (!card) return
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

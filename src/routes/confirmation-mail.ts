// Renders the confirmation email of one pending card (after sign-up, and "send it again") and holds it
// for the caller's D1 batch, where the per-mailbox caps decide whether it is stored and sent.
import { TOKEN_TTL_MS } from '../domain/tokens'
import type { CardSettings, Locale } from '../domain/types'
import { renderConfirmation } from '../email/render'
import { emailSender } from '../email/sender'
import type { Ctx } from '../env'
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

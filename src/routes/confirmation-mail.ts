// Renders and queues the confirmation email of one pending card (after sign-up, and "send it again").
import { TOKEN_TTL_MS } from '../domain/tokens'
import type { CardSettings, Locale } from '../domain/types'
import { renderConfirmation } from '../email/render'
import { emailSender } from '../email/sender'
import type { Ctx } from '../env'
import { buildLink } from '../links'
import { queueTransactional } from '../mail/transactional'
import { requestMail } from './respond'

export async function queueConfirmation(
  c: Ctx,
  args: {
    subscriber: { id: string; email: string }
    card: { id: string; settings: Pick<CardSettings, 'label' | 'carrier' | 'expiresOn'> }
    /** the confirmation nonce whose hash the card stores */
    nonce: string
    locale: Locale
    now: number
  },
): Promise<void> {
  const config = c.get('config')
  const { subscriber, card, nonce, locale, now } = args
  const confirmUrl = await buildLink(config, 'confirm', card.id, now, nonce)
  const unsubscribeUrl = await buildLink(config, 'unsubscribe', subscriber.id, now)
  const email = renderConfirmation({
    locale,
    cards: [{ label: card.settings.label, carrier: card.settings.carrier, expiresOn: card.settings.expiresOn }],
    confirmUrl,
    unsubscribeUrl,
    validDays: Math.round(TOKEN_TTL_MS.confirm / 86_400_000),
    sender: emailSender(config, locale),
  })
  await queueTransactional(requestMail(c), {
    kind: 'confirm',
    subscriberId: subscriber.id,
    to: subscriber.email,
    email,
    unsubscribeUrl,
    now,
  })
}

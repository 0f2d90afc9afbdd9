// Absolute, signed links for emails and pages, built from PUBLIC_URL and a purpose-bound token.

import { signToken, type TokenPurpose } from './domain/tokens'
import type { Config } from './env'

/**
 * `${publicUrl}/{purpose}/{token}` for confirm, manage, unsubscribe and renewed links;
 * `${publicUrl}/calendar/{token}.ics` for the calendar feed (purpose 'feed', the address's feed)
 * and the older per-card calendar links (purpose 'calendar'). `subject` is the subscriber id
 * (confirm, manage, unsubscribe, feed) or the card id (renewed, calendar), as the routes expect.
 * Renewed links also need the expiry they are about: use buildRenewedLink.
 */
export async function buildLink(
  config: Pick<Config, 'publicUrl' | 'signingSecret'>,
  purpose: TokenPurpose,
  subject: string,
  now: number,
  nonce?: string,
): Promise<string> {
  const token = await signToken(config.signingSecret, purpose, subject, now, nonce)
  if (purpose === 'calendar' || purpose === 'feed') return `${config.publicUrl}/calendar/${token}.ics`
  return `${config.publicUrl}/${purpose}/${token}`
}

/**
 * The expiry date a renewed link is bound to, as token nonce text (YYYYMMDD: the nonce allows no
 * other punctuation than `_` and `-`, and digits alone keep it short and unambiguous).
 */
export function expiryNonce(expiresOn: string): string {
  return expiresOn.replaceAll('-', '')
}

/**
 * "I've renewed" link for one card AND the expiry date the email or calendar event was about, so a
 * link opened again after the card has moved on cannot push the expiry out a second time.
 */
export function buildRenewedLink(
  config: Pick<Config, 'publicUrl' | 'signingSecret'>,
  cardId: string,
  expiresOn: string,
  now: number,
): Promise<string> {
  return buildLink(config, 'renewed', cardId, now, expiryNonce(expiresOn))
}

/**
 * A same-site path (`/manage/{token}`, `/unsubscribe/{token}`) for links on our own pages, where the
 * host is the one already in the address bar.
 */
export async function pagePath(
  config: Pick<Config, 'signingSecret'>,
  purpose: 'manage' | 'unsubscribe',
  subscriberId: string,
  now: number,
): Promise<string> {
  return `/${purpose}/${await signToken(config.signingSecret, purpose, subscriberId, now)}`
}

/** The webcal:// form of a feed URL, which calendar apps open as a subscription. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/, 'webcal:')
}

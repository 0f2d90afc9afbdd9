// Absolute, signed links for emails and pages, built from PUBLIC_URL and a purpose-bound token.
import type { Config } from './config'
import { signToken, type TokenPurpose } from './domain/tokens'

/**
 * `${publicUrl}/{purpose}/{token}` for confirm, manage, unsubscribe and renewed links;
 * `${publicUrl}/calendar/{token}.ics` for the calendar link. `subject` is the subscriber id
 * (confirm, manage, unsubscribe) or the card id (renewed, calendar), as the routes expect.
 */
export async function buildLink(
  config: Pick<Config, 'publicUrl' | 'signingSecret'>,
  purpose: TokenPurpose,
  subject: string,
  now: number,
  nonce?: string,
): Promise<string> {
  const token = await signToken(config.signingSecret, purpose, subject, now, nonce)
  const suffix = purpose === 'calendar' ? '.ics' : ''
  return `${config.publicUrl}/${purpose}/${token}${suffix}`
}

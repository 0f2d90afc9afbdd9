// Checks a link token from a URL and tells an expired link apart from a broken one.

import { type TokenClaims, type TokenPurpose, verifyToken } from '../domain/tokens'
import type { Config } from '../env'

type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; expired: boolean }

export async function checkToken(
  config: Config,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Promise<TokenCheck> {
  const claims = await verifyToken(config.signingSecret, token, purpose, now)
  if (claims) return { ok: true, claims }
  // Valid signature and purpose at the dawn of time, but not now: the link has simply expired.
  const ever = await verifyToken(config.signingSecret, token, purpose, 0)
  return { ok: false, expired: ever !== null }
}

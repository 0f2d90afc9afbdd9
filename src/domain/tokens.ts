// Signed, purpose-bound, expiring link tokens (HMAC-SHA256), verified in constant time.
import { base64url, fromBase64url } from '../lib/crypto'

export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe' | 'renewed' | 'calendar' | 'feed'

/** How long each kind of link keeps working. Unsubscribe must outlive an email by 60+ days. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  confirm: 7 * 86_400_000,
  manage: 90 * 86_400_000,
  unsubscribe: 180 * 86_400_000,
  renewed: 90 * 86_400_000,
  calendar: 400 * 86_400_000,
  // The address's calendar feed: a calendar app keeps polling the URL it was given, so it lives
  // long; the manage page and every reminder hand out a fresh one.
  feed: 3 * 365 * 86_400_000,
}

const PURPOSES = new Set<string>(Object.keys(TOKEN_TTL_MS))
const encoder = new TextEncoder()
const keyCache = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    keyCache.set(secret, key)
  }
  return key
}

export interface TokenClaims {
  purpose: TokenPurpose
  /** the subscription (subscriber or card id) the token acts on */
  subject: string
  /** expiry, epoch ms */
  expiresAt: number
  /** optional extra value, e.g. a confirmation nonce whose hash is stored */
  nonce?: string
}

const SAFE = /^[A-Za-z0-9_-]+$/

/** Token text: purpose.subject.expiry(base36 seconds)[.nonce].signature */
export async function signToken(
  secret: string,
  purpose: TokenPurpose,
  subject: string,
  now: number,
  nonce?: string,
): Promise<string> {
  if (!SAFE.test(subject) || (nonce !== undefined && !SAFE.test(nonce))) {
    throw new Error('token parts must be base64url')
  }
  const exp = Math.floor((now + TOKEN_TTL_MS[purpose]) / 1000).toString(36)
  const body = [purpose, subject, exp, ...(nonce === undefined ? [] : [nonce])].join('.')
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body)))
  return `${body}.${base64url(sig)}`
}

/**
 * A pending card's confirmation nonce, the same every time it is asked for: derived from the card id
 * under the signing secret (a message no token body can be, since those start with a purpose). So
 * "send it again" and a re-sent form carry a link that works alongside the earlier emails' links,
 * rather than one that kills them; only its SHA-256 is stored, as before, and confirming clears it.
 */
export async function confirmNonce(secret: string, cardId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`confirm-nonce:${cardId}`))
  return base64url(new Uint8Array(mac).slice(0, 16))
}

/** Returns the claims, or null when the token is malformed, tampered, expired or for another purpose. */
export async function verifyToken(
  secret: string,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Promise<TokenClaims | null> {
  if (typeof token !== 'string' || token.length > 400) return null
  const parts = token.split('.')
  if (parts.length !== 4 && parts.length !== 5) return null
  const sigText = parts.pop() as string
  const [p, subject, exp, nonce] = parts as [string, string, string, string | undefined]
  if (!PURPOSES.has(p) || !SAFE.test(subject) || !/^[0-9a-z]{1,10}$/.test(exp)) return null
  if (nonce !== undefined && !SAFE.test(nonce)) return null
  const sig = fromBase64url(sigText)
  // Reject non-canonical encodings so a changed last character never still verifies.
  if (sig?.byteLength !== 32 || base64url(sig) !== sigText) return null
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), sig, encoder.encode(parts.join('.')))
  if (!ok || p !== purpose) return null
  const expiresAt = Number.parseInt(exp, 36) * 1000
  if (!(expiresAt > now)) return null
  return { purpose: p, subject, expiresAt, ...(nonce === undefined ? {} : { nonce }) }
}

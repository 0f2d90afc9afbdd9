// Small WebCrypto helpers: random ids, base64url, SHA-256 and keyed hashes.
const encoder = new TextEncoder()

export function base64url(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
    return Uint8Array.from(bin, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/** 128 random bits, base64url: used for row ids and nonces. */
export function randomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)))
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

const derivedKeys = new Map<string, Promise<CryptoKey>>()

/** An HMAC key for one purpose, derived from the secret, so no two uses of the secret share a key. */
function derivedKey(secret: string, purpose: string): Promise<CryptoKey> {
  const id = `${purpose}\u0000${secret}`
  let key = derivedKeys.get(id)
  if (!key) {
    key = (async () => {
      const hmac = { name: 'HMAC', hash: 'SHA-256' }
      const root = await crypto.subtle.importKey('raw', encoder.encode(secret), hmac, false, ['sign'])
      const sub = await crypto.subtle.sign('HMAC', root, encoder.encode(`simkeep:${purpose}`))
      return crypto.subtle.importKey('raw', sub, hmac, false, ['sign'])
    })()
    derivedKeys.set(id, key)
  }
  return key
}

/** HMAC-SHA256 of `text` under a key derived from `secret` for `purpose`, as hex: a pseudonym nobody without the secret can reverse. */
export async function keyedHashHex(secret: string, purpose: string, text: string): Promise<string> {
  const sig = await crypto.subtle.sign('HMAC', await derivedKey(secret, purpose), encoder.encode(text))
  return Array.from(new Uint8Array(sig), (b) => b.toString(16).padStart(2, '0')).join('')
}

// Cloudflare Turnstile: checks the widget's token with siteverify when Turnstile is configured.
const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

export const TURNSTILE_FIELD = 'cf-turnstile-response'

/** Fails closed: a missing token, a network error or a bad answer all mean "not verified". */
export async function verifyTurnstile(secret: string, token: unknown, remoteIp: string | null): Promise<boolean> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return false
  const form = new URLSearchParams({ secret, response: token })
  if (remoteIp) form.set('remoteip', remoteIp)
  try {
    const res = await fetch(SITEVERIFY, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) })
    if (!res.ok) return false
    const data = (await res.json()) as { success?: unknown }
    return data.success === true
  } catch (err) {
    console.error('Turnstile siteverify failed', err instanceof Error ? err.message : err)
    return false
  }
}

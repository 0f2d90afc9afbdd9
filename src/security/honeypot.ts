// The honeypot: a field people never see; bots that fill every input fill it too.
const HONEYPOT_FIELD = 'website'

export function isHoneypotFilled(body: Record<string, unknown>): boolean {
  const v = body[HONEYPOT_FIELD]
  const values = Array.isArray(v) ? v : [v]
  return values.some((x) => typeof x === 'string' && x.trim() !== '')
}

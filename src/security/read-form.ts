// Reads a urlencoded or multipart body without ever throwing: bad input must not become a 5xx.
import type { Context } from 'hono'

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i

/** The fields (repeated ones as arrays); an empty object for no body, another type, or a broken one. */
export async function readForm(c: Context): Promise<Record<string, unknown>> {
  if (!FORM_TYPE.test(c.req.header('content-type') ?? '')) return {}
  try {
    return (await c.req.parseBody({ all: true })) as Record<string, unknown>
  } catch {
    return {}
  }
}

export function formString(body: Record<string, unknown>, name: string): string {
  const v = body[name]
  const first = Array.isArray(v) ? v[0] : v
  return typeof first === 'string' ? first.slice(0, 1000) : ''
}

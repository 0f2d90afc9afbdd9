// Templates with slots: a JSX page or email rendered once with placeholders, then filled per request.
import { escapeToBuffer } from 'hono/utils/html'

// Private-use characters: no copy, URL or escape produces them, and escaping leaves them as they are.
const SLOT = /\uE000(\d+)\uE001/g

/** The placeholder to render in place of value number `i`. */
export function slot(i: number): string {
  return `\uE000${i}\uE001`
}

/** Text escaped exactly as hono/jsx escapes text and attribute values. */
export function escapeHtml(text: string): string {
  const buffer: [string] = ['']
  escapeToBuffer(text, buffer)
  return buffer[0]
}

/**
 * The template with each slot replaced by its value, in one pass over the template: a value that
 * itself contains a placeholder's characters is inserted as it is, never filled again.
 */
export function fillSlots(template: string, values: readonly string[]): string {
  return template.replace(SLOT, (whole, i: string) => values[Number(i)] ?? whole)
}

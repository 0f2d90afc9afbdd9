// Helpers for the plain-text part: it must read well on its own, with every link written out.

/** Joins blocks with one blank line between them, dropping empty ones. */
export function blocks(...parts: Array<string | null | undefined | false>): string {
  return `${parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n')}\n`
}

export function lines(...parts: Array<string | null | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n')
}

/** A heading underlined to its own visual width (CJK characters count double). */
export function heading(title: string): string {
  let width = 0
  for (const ch of title)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1
  return `${title}\n${'='.repeat(Math.min(width, 60))}`
}

export function bullets(items: string[], mark = '-'): string {
  return items.map((i) => `${mark} ${i}`).join('\n')
}

/** A link on its own line, so clients make it clickable and nothing is glued to the URL. */
export function linkLine(label: string, url: string, colon: string): string {
  return `${label}${colon.trim()}\n${url}`
}

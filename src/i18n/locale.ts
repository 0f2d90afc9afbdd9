// Picks the page language: ?lang= > cookie > Accept-Language > zh-Hant.
import { isLocale, type Locale } from '../domain/types'

const DEFAULT_LOCALE: Locale = 'zh-Hant'
export const LOCALE_COOKIE = 'lang'

/** Maps one BCP 47 tag to a supported locale, or null. */
function matchTag(tag: string): Locale | null {
  const t = tag.trim().toLowerCase()
  if (!t) return null
  if (t === 'zh-hant' || t.startsWith('zh-hant-') || /^zh-(hk|tw|mo)\b/.test(t)) return 'zh-Hant'
  if (t === 'zh-hans' || t.startsWith('zh-hans-') || /^zh-(cn|sg|my)\b/.test(t)) return 'zh-Hans'
  if (t === 'zh') return 'zh-Hans'
  if (t === 'en' || t.startsWith('en-')) return 'en'
  return null
}

/** Best supported locale from an Accept-Language header, honouring q-values. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = q ? Number(q.slice(2)) : 1
      return { tag, weight: Number.isFinite(weight) ? weight : 0, i }
    })
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
  for (const { tag } of ranked) {
    const hit = matchTag(tag)
    if (hit) return hit
  }
  return null
}

export function negotiateLocale(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage?: string | null,
): Locale {
  if (isLocale(query)) return query
  if (isLocale(cookie)) return cookie
  return fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE
}

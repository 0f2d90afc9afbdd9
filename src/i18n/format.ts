// Locale-aware formatting of dates for pages and emails (never a fixed pattern).
import type { Locale } from '../domain/types'

/** The Intl locale each product locale formats with: Hong Kong, mainland, and day-first English. */
export const INTL_LOCALE: Record<Locale, string> = {
  'zh-Hant': 'zh-HK',
  'zh-Hans': 'zh-CN',
  en: 'en-GB',
}

const cache = new Map<string, Intl.DateTimeFormat>()

function fmt(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', ...options })
    cache.set(key, f)
  }
  return f
}

const at = (date: string) => new Date(`${date}T00:00:00Z`)

/** A calendar date ('YYYY-MM-DD') in full: 2026年12月3日 / 3 December 2026. */
export function formatDate(date: string, locale: Locale): string {
  return fmt(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(at(date))
}

/** A short date for subjects: 12月3日 / 3 Dec. */
export function formatShortDate(date: string, locale: Locale): string {
  return fmt(locale, { month: 'short', day: 'numeric' }).format(at(date))
}

/** A date with its weekday: 2026年12月3日星期四 / Thursday 3 December 2026. */
export function formatLongDate(date: string, locale: Locale): string {
  return fmt(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(at(date))
}

const money = new Map<string, Intl.NumberFormat>()

/** An amount in Hong Kong dollars from cents: HK$48 / HK$48.50, in the locale's number style. */
export function formatHkd(cents: number, locale: Locale): string {
  const digits = cents % 100 === 0 ? 0 : 2
  const key = `${locale}|${digits}`
  let f = money.get(key)
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: 'currency',
      currency: 'HKD',
      currencyDisplay: 'symbol',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    money.set(key, f)
  }
  return f.format(cents / 100)
}

/** A card's renewal fee as shown (HK$48), or null when none was given. */
export function formatRenewalFee(cents: number | null | undefined, locale: Locale): string | null {
  return cents ? formatHkd(cents, locale) : null
}

/**
 * A deadline with its weekday, no year: Tue 29 Dec / 12月29日星期二 / 12月29日星期二. Chinese keeps the
 * weekday whole (星期二, not 週二/周二), as the same email's header and the pages write it.
 */
export function formatDayDate(date: string, locale: Locale): string {
  return fmt(locale, { weekday: locale === 'en' ? 'short' : 'long', month: 'short', day: 'numeric' }).format(at(date))
}

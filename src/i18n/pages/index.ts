// Page wording by locale, plus a tiny {placeholder} filler.
import type { Locale } from '../../domain/types'
import { en, type PageMessages } from './en'
import { zhHans } from './zh-Hans'
import { zhHant } from './zh-Hant'

export type { PageMessages } from './en'

export const PAGE_MESSAGES: Record<Locale, PageMessages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans }

export function pageMessages(locale: Locale): PageMessages {
  return PAGE_MESSAGES[locale]
}

/** Replaces {name} in a message; the result is plain text that JSX escapes. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

/** How each language names itself in the switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文', en: 'English' }

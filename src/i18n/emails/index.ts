// Email copy by locale; the type of `en` is the contract every locale satisfies.
import type { Locale } from '../../domain/types'
import { type EmailMessages, en } from './en'
import { zhHans } from './zh-Hans'
import { zhHant } from './zh-Hant'

export type { EmailMessages } from './en'

export const emailMessages: Record<Locale, EmailMessages> = {
  'zh-Hant': zhHant,
  'zh-Hans': zhHans,
  en,
}

export function emailCopy(locale: Locale): EmailMessages {
  return emailMessages[locale]
}

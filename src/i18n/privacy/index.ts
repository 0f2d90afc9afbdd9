// Privacy page wording by locale.
import type { Locale } from '../../domain/types'
import { en, type PrivacyMessages } from './en'
import { zhHans } from './zh-Hans'
import { zhHant } from './zh-Hant'

export type { PrivacyMessages } from './en'

export const PRIVACY_MESSAGES: Record<Locale, PrivacyMessages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans }

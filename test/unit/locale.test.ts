// Page language negotiation: ?lang= > cookie > Accept-Language > zh-Hant.
import { describe, expect, it } from 'vitest'
import { fromAcceptLanguage, negotiateLocale } from '../../src/i18n/locale'

describe('negotiateLocale', () => {
  it('follows the contract order', () => {
    expect(negotiateLocale('en', 'zh-Hans', 'zh-HK')).toBe('en')
    expect(negotiateLocale(undefined, 'zh-Hans', 'en')).toBe('zh-Hans')
    expect(negotiateLocale('fr', 'bogus', 'en-GB')).toBe('en')
    expect(negotiateLocale(undefined, undefined, null)).toBe('zh-Hant')
  })

  it('maps regional Chinese tags and honours q-values', () => {
    for (const tag of ['zh-HK', 'zh-TW', 'zh-MO', 'zh-Hant-HK']) expect(fromAcceptLanguage(tag)).toBe('zh-Hant')
    for (const tag of ['zh-CN', 'zh-SG', 'zh-Hans']) expect(fromAcceptLanguage(tag)).toBe('zh-Hans')
    expect(fromAcceptLanguage('fr;q=1, en;q=0.5, zh-HK;q=0.8')).toBe('zh-Hant')
    expect(fromAcceptLanguage('de, fr')).toBeNull()
  })
})

// Page wording: every language has every key (also enforced by the type), the same placeholders,
// and each language's own words (Hong Kong vs mainland usage).
import { describe, expect, it } from 'vitest'
import { fill, PAGE_MESSAGES } from '../../src/i18n/pages'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('page messages', () => {
  // sentenceGap is the one value that is empty on purpose: Chinese puts no space between sentences.
  const MAY_BE_EMPTY = new Set(['sentenceGap'])

  it('have the same keys and placeholders in every language, none empty', () => {
    const en = PAGE_MESSAGES.en
    for (const [locale, msgs] of Object.entries(PAGE_MESSAGES)) {
      expect(Object.keys(msgs).sort(), locale).toEqual(Object.keys(en).sort())
      for (const [key, value] of Object.entries(msgs)) {
        if (!MAY_BE_EMPTY.has(key)) expect(value.trim(), `${locale}.${key}`).not.toBe('')
        expect(placeholders(value), `${locale}.${key}`).toEqual(placeholders(en[key as keyof typeof en]))
      }
    }
  })

  it('use Hong Kong words in zh-Hant and mainland words in zh-Hans', () => {
    const hant = Object.values(PAGE_MESSAGES['zh-Hant']).join('')
    const hans = Object.values(PAGE_MESSAGES['zh-Hans']).join('')
    expect(hant).toContain('電郵')
    // One word for "carrier" across pages and emails (the emails say 電訊商).
    expect(hant).toContain('電訊商')
    expect(hant).not.toContain('營辦商')
    expect(hant).toContain('增值')
    expect(hant).toContain('餘額')
    expect(hant).not.toMatch(/邮|余额|充值/)
    expect(hans).toContain('邮件')
    expect(hans).toContain('充值')
    expect(hans).toContain('余额')
    expect(hans).not.toMatch(/電郵|餘額|增值/)
  })

  it('separate sentences with a space in English only', () => {
    expect(PAGE_MESSAGES.en.sentenceGap).toBe(' ')
    expect(PAGE_MESSAGES['zh-Hant'].sentenceGap).toBe('')
    expect(PAGE_MESSAGES['zh-Hans'].sentenceGap).toBe('')
  })

  it('fill replaces named placeholders and leaves unknown ones', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })
})

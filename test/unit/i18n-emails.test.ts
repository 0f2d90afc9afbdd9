// Email copy parity: every locale has every key, and each reads in its own script and usage.
import { describe, expect, it } from 'vitest'
import { LOCALES } from '../../src/domain/types'
import { emailMessages } from '../../src/i18n/emails'

type Tree = { [key: string]: unknown }

/** Every leaf of a copy object as [path, rendered string], calling functions with sample values. */
function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') return [[path, value]]
    if (typeof value === 'function') return [[path, String(value('CMHK 中港卡', 3, '12月3日'))]]
    return leaves(value as Tree, path)
  })
}

const shape = (locale: (typeof LOCALES)[number]) => leaves(emailMessages[locale] as unknown as Tree).map(([p]) => p)

describe('email copy', () => {
  it('has the same keys in every locale', () => {
    for (const locale of LOCALES) expect(shape(locale)).toEqual(shape('en'))
  })

  it('has no empty strings', () => {
    for (const locale of LOCALES) {
      for (const [path, value] of leaves(emailMessages[locale] as unknown as Tree)) {
        if (path === 'sentenceGap') continue
        expect(value.trim(), `${locale} ${path}`).not.toBe('')
      }
    }
  })

  it('writes Hong Kong Traditional for zh-Hant and mainland Simplified for zh-Hans', () => {
    const hant = leaves(emailMessages['zh-Hant'] as unknown as Tree)
      .map(([, v]) => v)
      .join('\n')
    const hans = leaves(emailMessages['zh-Hans'] as unknown as Tree)
      .map(([, v]) => v)
      .join('\n')
    for (const word of ['增值', '續期', '餘額', '電郵', '取消訂閱', '自動續期']) expect(hant).toContain(word)
    for (const word of ['充值', '续费', '余额', '邮件', '取消订阅', '自动续费']) expect(hans).toContain(word)
    for (const simplified of ['续', '余额', '邮', '订阅', '确认', '时']) expect(hant).not.toContain(simplified)
    for (const traditional of ['續', '餘', '郵', '訂閱', '確認', '時']) expect(hans).not.toContain(traditional)
  })

  it('carries no links, phone numbers, prices or chat handles', () => {
    for (const locale of LOCALES) {
      const all = leaves(emailMessages[locale] as unknown as Tree)
        .map(([, v]) => v)
        .join('\n')
      expect(all).not.toMatch(/https?:|www\.|HK\$|\$\d|\+852|\b\d{4}\s?\d{4}\b|@|telegram|whatsapp|wechat id/i)
    }
  })
})

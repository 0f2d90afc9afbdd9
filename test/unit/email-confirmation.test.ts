// The confirmation email as a subscriber sees it, in each language.
import { describe, expect, it } from 'vitest'
import { CARRIERS, type Locale } from '../../src/domain/types'
import { renderConfirmationEmail } from '../../src/email/confirmation'
import type { ConfirmationEmailData } from '../../src/email/data'
import { renderConfirmation } from '../../src/email/render'

const base = (locale: Locale): ConfirmationEmailData => ({
  locale,
  cards: [{ carrier: 'cmhk', expiresOn: '2026-12-03' }],
  confirmUrl: 'https://simkeep.test/confirm/tok-confirm?x=1&y=2',
  unsubscribeUrl: 'https://simkeep.test/unsubscribe/tok-unsub',
  validDays: 7,
  sender: { operator: 'Example Ltd', privacyUrl: 'https://simkeep.test/privacy?lang=en' },
})

describe('renderConfirmation', () => {
  it.each([
    ['zh-Hant', '請確認你的 SIMKeep 保號提醒', '2026年12月3日', '7 日內有效', 'lang="zh-Hant-HK"'],
    ['zh-Hans', '请确认你的 SIMKeep 保号提醒', '2026年12月3日', '7 天内有效', 'lang="zh-Hans-CN"'],
    ['en', 'Confirm your SIMKeep reminders', '3 December 2026', 'works for 7 days', 'lang="en"'],
  ] as const)('%s: subject, carrier, expiry date, validity and language', (locale, subject, date, valid, lang) => {
    const email = renderConfirmation(base(locale))
    expect(email.subject).toBe(subject)
    for (const part of [email.html, email.text]) {
      expect(part).toMatch(/China Mobile|中國移動|中国移动|CMHK/)
      expect(part).toContain(date)
      expect(part).toContain(valid)
    }
    expect(email.html).toContain(lang)
    expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true)
  })

  it('carries the confirm and unsubscribe links in html and text', () => {
    const email = renderConfirmation(base('en'))
    expect(email.html).toContain('href="https://simkeep.test/confirm/tok-confirm?x=1&amp;y=2"')
    expect(email.html).toContain('href="https://simkeep.test/unsubscribe/tok-unsub"')
    expect(email.text).toContain('https://simkeep.test/confirm/tok-confirm?x=1&y=2')
    expect(email.text).toContain('https://simkeep.test/unsubscribe/tok-unsub')
  })

  it.each([
    ['en', /button/i],
    ['zh-Hant', /按鈕/],
    ['zh-Hans', /按钮/],
  ] as const)('%s: the text part, which has a link and no button, never mentions a button', (locale, button) => {
    const email = renderConfirmation(base(locale))
    expect(email.html).toMatch(button)
    expect(email.text).not.toMatch(button)
  })

  it('tells people who did not ask for it that they can ignore it', () => {
    expect(renderConfirmation(base('en')).text).toContain('ignore this email')
    expect(renderConfirmation(base('zh-Hant')).text).toContain('不用理會這封電郵')
    expect(renderConfirmation(base('zh-Hans')).text).toContain('忽略这封邮件')
  })

  it('lists every card by its carrier', () => {
    const data = base('zh-Hant')
    data.cards.push({ carrier: 'csl', expiresOn: '2027-01-31' })
    const email = renderConfirmation(data)
    expect(email.text).toContain('這 2 張 SIM 卡')
    expect(email.text).toContain('csl')
    expect(email.text).toContain('2027年1月31日')
  })

  // Sign-ups fill a template rendered once per language and carrier: it must be the full render exactly.
  it('is the full render byte for byte, whatever the language, carrier, links and sender', () => {
    const awkward = [
      ['https://simkeep.test/confirm/a.b?x=1&y=2', 'https://simkeep.test/unsubscribe/<\'"&>', '2026-12-03', null],
      [
        'https://simkeep.test/confirm/\uE0000\uE001',
        'https://simkeep.test/u/\uE0001\uE001',
        '2027-02-28',
        "O'Brien & <Co>",
      ],
    ] as const
    for (const locale of ['zh-Hant', 'zh-Hans', 'en'] as const)
      for (const carrier of [...CARRIERS, null])
        for (const [confirmUrl, unsubscribeUrl, expiresOn, operator] of awkward) {
          const data: ConfirmationEmailData = {
            ...base(locale),
            cards: [{ carrier, expiresOn }],
            confirmUrl,
            unsubscribeUrl,
            sender: { operator, privacyUrl: `https://simkeep.test/privacy?lang=${locale}&x="1"` },
          }
          expect(renderConfirmation(data)).toEqual(renderConfirmationEmail(data))
        }
  })
})

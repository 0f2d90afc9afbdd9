// The "your manage link" email in each language: subject, the link in html and text, a way out.
import { describe, expect, it } from 'vitest'
import { renderManageLink } from '../../src/email/render'

const data = (locale: 'en' | 'zh-Hant' | 'zh-Hans') => ({
  locale,
  manageUrl: 'https://simkeep.test/manage/tok-manage',
  unsubscribeUrl: 'https://simkeep.test/unsubscribe/tok-unsub',
  validDays: 90,
  sender: { operator: 'Example Ltd', privacyUrl: 'https://simkeep.test/privacy?lang=en' },
})

describe('renderManageLink', () => {
  it.each([
    ['en', 'Your link to manage your SIMKeep reminders', 'works for 90 days', 'lang="en"'],
    ['zh-Hant', '你的 SIMKeep 提醒管理連結', '90 日內有效', 'lang="zh-Hant-HK"'],
    ['zh-Hans', '你的 SIMKeep 提醒管理链接', '90 天内有效', 'lang="zh-Hans-CN"'],
  ] as const)(
    '%s: subject, manage and unsubscribe links in html and text, validity',
    (locale, subject, valid, lang) => {
      const email = renderManageLink(data(locale))
      expect(email.subject).toBe(subject)
      for (const part of [email.html, email.text]) {
        expect(part).toContain('https://simkeep.test/manage/tok-manage')
        expect(part).toContain('https://simkeep.test/unsubscribe/tok-unsub')
        expect(part).toContain(valid)
      }
      expect(email.html).toContain(lang)
      expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true)
    },
  )
})

// The reminder email as a subscriber sees it: subject, dates, links, tips, in each language.
import { describe, expect, it } from 'vitest'
import type { Locale } from '../../src/domain/types'
import type { ReminderEmailData, ReminderItem } from '../../src/email/data'
import { renderReminder } from '../../src/email/render'

const item = (over: Partial<ReminderItem> = {}, card: Partial<ReminderItem['card']> = {}, n = 1): ReminderItem => ({
  kind: 'reminder',
  daysLeft: 7,
  links: {
    renewed: `https://simkeep.test/renewed/tok-renewed-${n}`,
    calendar: `https://simkeep.test/calendar/tok-cal-${n}.ics`,
  },
  ...over,
  card: { label: 'CMHK 中港卡', carrier: 'cmhk', expiresOn: '2026-12-03', autoRenew: false, cycleDays: 180, ...card },
})

const email = (locale: Locale, items: ReminderItem[] = [item()]): ReminderEmailData => ({
  locale,
  items,
  links: {
    manage: 'https://simkeep.test/manage/tok-manage',
    unsubscribe: 'https://simkeep.test/unsubscribe/tok-unsub',
  },
  sender: { operator: 'Example Ltd', privacyUrl: 'https://simkeep.test/privacy?lang=en' },
})

describe('renderReminder subject', () => {
  it.each([
    ['en', 'CMHK 中港卡: 7 days left (3 Dec)'],
    ['zh-Hant', 'CMHK 中港卡：尚餘 7 日（12月3日到期）'],
    ['zh-Hans', 'CMHK 中港卡：还剩 7 天（12月3日到期）'],
  ] as const)('%s says the days left and the locale-formatted date', (locale, subject) => {
    expect(renderReminder(email(locale)).subject).toBe(subject)
  })

  it('says "1 day" in the singular and "today" on lead day 0', () => {
    expect(renderReminder(email('en', [item({ daysLeft: 1 })])).subject).toBe('CMHK 中港卡: 1 day left (3 Dec)')
    expect(renderReminder(email('en', [item({ daysLeft: 0 })])).subject).toBe('CMHK 中港卡: expires today (3 Dec)')
  })

  it('names the most urgent item and counts the rest', () => {
    const items = [item({ daysLeft: 1 }), item({ kind: 'balance', daysLeft: 40 }, { label: 'Work SIM' }, 2)]
    expect(renderReminder(email('en', items)).subject).toBe('CMHK 中港卡: 1 day left (3 Dec) and 1 more')
    expect(renderReminder(email('zh-Hant', items)).subject).toBe('CMHK 中港卡：尚餘 1 日（12月3日到期），另有 1 項提醒')
  })

  it('says "expires today" for the expired notice and "check your balance" for a balance check', () => {
    expect(renderReminder(email('en', [item({ kind: 'expired', daysLeft: 0 })])).subject).toContain('expires today')
    expect(renderReminder(email('zh-Hant', [item({ kind: 'expired', daysLeft: 0 })])).subject).toContain('今日')
    expect(renderReminder(email('en', [item({ kind: 'balance' })])).subject).toBe(
      'CMHK 中港卡: time to check your balance',
    )
    expect(renderReminder(email('zh-Hans', [item({ kind: 'balance' })])).subject).toContain('余额')
  })

  it('names the count when several cards only need a balance check', () => {
    const two = [item({ kind: 'balance' }), item({ kind: 'balance' }, { label: 'Work SIM' }, 2)]
    expect(renderReminder(email('en', two)).subject).toBe('Time to check the balance of your 2 SIM cards')
    expect(renderReminder(email('zh-Hant', two)).subject).toBe('是時候查一查 2 張 SIM 卡的餘額')
    expect(renderReminder(email('zh-Hans', two)).subject).toBe('该查一下 2 张 SIM 卡的余额了')
  })

  it('never lets CR/LF or other control characters from a label into the subject', () => {
    const { subject, text } = renderReminder(email('en', [item({}, { label: 'SIM\r\nBcc: evil@example.com\u0000\t' })]))
    expect(subject).not.toMatch(/\p{Cc}/u)
    expect(subject).toBe('SIM Bcc: evil@example.com: 7 days left (3 Dec)')
    expect(text).not.toContain('\r')
  })

  it('names an unlabelled card by its carrier, or generically', () => {
    expect(renderReminder(email('zh-Hant', [item({}, { label: '  ' })])).subject).toContain('中國移動香港')
    expect(renderReminder(email('en', [item({}, { label: '', carrier: null })])).subject).toContain('Your SIM card')
  })
})

describe('renderReminder body', () => {
  it.each([
    ['en', '7 days left', '3 December 2026', 'lang="en"'],
    ['zh-Hant', '尚餘 7 日', '2026年12月3日', 'lang="zh-Hant-HK"'],
    ['zh-Hans', '还剩 7 天', '2026年12月3日', 'lang="zh-Hans-CN"'],
  ] as const)('%s shows the days left and the expiry date in html and text', (locale, days, date, lang) => {
    const { html, text } = renderReminder(email(locale))
    for (const part of [html, text]) {
      expect(part).toContain(days)
      expect(part).toContain(date)
    }
    expect(html).toContain(lang)
  })

  it('carries the renewed, calendar, manage and unsubscribe links in html and text', () => {
    const { html, text } = renderReminder(email('en'))
    for (const url of [
      'https://simkeep.test/renewed/tok-renewed-1',
      'https://simkeep.test/calendar/tok-cal-1.ics',
      'https://simkeep.test/manage/tok-manage',
      'https://simkeep.test/unsubscribe/tok-unsub',
    ]) {
      expect(html).toContain(`href="${url}"`)
      expect(text).toContain(url)
    }
  })

  it('escapes a <script> label in html', () => {
    const { html } = renderReminder(email('en', [item({}, { label: '<script>alert("x")</script>' })]))
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
  })

  it('lists two cards in one email, each with its own renewed and calendar links, most urgent first', () => {
    const items = [item({ daysLeft: 1 }), item({ daysLeft: 14 }, { label: 'Work SIM', expiresOn: '2026-12-16' }, 2)]
    const { html, text } = renderReminder(email('en', items))
    for (const part of [html, text]) {
      expect(part).toContain('CMHK 中港卡')
      expect(part).toContain('Work SIM')
      expect(part).toContain('tok-renewed-1')
      expect(part).toContain('tok-renewed-2')
      expect(part).toContain('tok-cal-2.ics')
      expect(part.indexOf('CMHK 中港卡')).toBeLessThan(part.indexOf('Work SIM'))
    }
    expect(text).toContain('14 days left')
  })

  it('names the operator and links the privacy page in the footer of both parts', () => {
    const { html, text } = renderReminder(email('en'))
    for (const part of [html, text]) {
      expect(part).toContain('SIMKeep is run by Example Ltd.')
      expect(part).toContain('https://simkeep.test/privacy?lang=en')
    }
  })

  it('a balance check carries "stop balance checks only" beside the full unsubscribe', () => {
    const data = email('en', [item({ kind: 'balance' })])
    const stop = 'https://simkeep.test/unsubscribe/tok-unsub?only=balance'
    const { html, text } = renderReminder({ ...data, links: { ...data.links, stopBalance: stop } })
    expect(text).toContain(`Stop balance checks only:\n${stop}`)
    expect(html).toContain(`href="${stop.replace('&', '&amp;')}"`)
    expect(html).toContain('href="https://simkeep.test/unsubscribe/tok-unsub"')
  })

  it('switches the auto-renewal tip with autoRenew', () => {
    const off = renderReminder(email('en', [item({}, { autoRenew: false })])).text
    const on = renderReminder(email('en', [item({}, { autoRenew: true })])).text
    expect(off).toContain('switch on auto-renewal')
    expect(off).not.toContain('fee from your balance')
    expect(on).toContain('fee from your balance')
    // Hong Kong plans renew from the stored balance: no word of a saved payment method.
    expect(on).not.toContain('payment method')
    expect(on).not.toContain('switch on auto-renewal')
    expect(renderReminder(email('zh-Hant', [item({}, { autoRenew: false })])).text).toContain('開啟自動續期')
    expect(renderReminder(email('zh-Hans', [item({}, { autoRenew: true })])).text).toContain('留足余额')
  })

  it('gives the four renewal channels with their safety advice, and how to check the balance', () => {
    const { text } = renderReminder(email('en'))
    for (const words of [
      'Carrier website',
      'bookmark',
      'Carrier app',
      'password',
      'Carrier shop',
      'ID',
      'opening hours',
    ]) {
      expect(text).toContain(words)
    }
    expect(text).toContain('WeChat Pay / Alipay')
    expect(text).toContain('fees')
    expect(text).toContain('3 working days')
    expect(text).toContain('hotline')
    expect(text).toContain('receipt')
    expect(text).toContain('24 hours')
    expect(text).toContain('mainland number')
    const zh = renderReminder(email('zh-Hant')).text
    for (const words of ['官方網站', 'App', '門市', '微信支付', '支付寶', '3 個工作天', '餘額'])
      expect(zh).toContain(words)
    const hans = renderReminder(email('zh-Hans')).text
    for (const words of ['官网', '营业厅', '支付宝', '3 个工作日', '余额']) expect(hans).toContain(words)
  })

  it('tells an expired card to act today and contact the carrier, promising no grace period', () => {
    for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const { html, text } = renderReminder(email(locale, [item({ kind: 'expired', daysLeft: 0 })]))
      expect(text).toMatch(/today|今日|今天/)
      expect(text).toMatch(/contact your carrier|聯絡電訊商|联系运营商/)
      expect(html).toMatch(/contact your carrier|聯絡電訊商|联系运营商/)
    }
    const en = renderReminder(email('en', [item({ kind: 'expired', daysLeft: 0 })])).text
    expect(en).toContain('Don’t count on a grace period')
    expect(en).not.toMatch(/you (still )?have (a|\d+ days?) grace|within the grace period/i)
  })

  it('a balance-only email explains how to check the balance and skips renewal channels', () => {
    const { text } = renderReminder(email('en', [item({ kind: 'balance', daysLeft: 60 })]))
    expect(text).toContain('Monthly balance check')
    expect(text).toContain('customer hotline')
    expect(text).not.toContain('Four ways to renew')
  })

  it('offers "I’ve renewed" only for a card with something to renew', () => {
    const balanceOnly = renderReminder(email('en', [item({ kind: 'balance', daysLeft: 60 })]))
    for (const part of [balanceOnly.html, balanceOnly.text]) {
      expect(part).not.toContain('I’ve renewed')
      expect(part).not.toContain('tok-renewed-1')
      expect(part).toContain('tok-cal-1')
    }
    // A balance check on one card next to a reminder for another: only the reminder's card offers it.
    const mixed = renderReminder(
      email('en', [item({ daysLeft: 7 }), item({ kind: 'balance' }, { label: 'Work SIM' }, 2)]),
    )
    expect(mixed.html).toContain('tok-renewed-1')
    expect(mixed.html).not.toContain('tok-renewed-2')
    expect(mixed.text).not.toContain('tok-renewed-2')
  })

  it.each([
    ['en', 7, 'reminder', 'Time to renew your SIM card'],
    ['en', 1, 'reminder', 'Your SIM card expires tomorrow'],
    ['en', 0, 'reminder', 'Your SIM card expires today'],
    ['en', 0, 'expired', 'Your SIM card expires today'],
    ['en', -2, 'reminder', 'Your SIM card’s validity has ended'],
    ['zh-Hant', 0, 'expired', 'SIM 卡今日到期'],
    ['zh-Hant', 1, 'reminder', 'SIM 卡明日到期'],
    ['zh-Hans', 0, 'reminder', 'SIM 卡今天到期'],
    ['zh-Hans', 7, 'reminder', '该给 SIM 卡续费了'],
  ] as const)('%s heading with %i days left (%s) says how urgent it is', (locale, daysLeft, kind, heading) => {
    const { html, text } = renderReminder(email(locale, [item({ kind, daysLeft })]))
    expect(html).toMatch(new RegExp(`<h1[^>]*>${heading}</h1>`))
    expect(text.split('\n')[0]).toContain(heading)
  })

  it('folds a card’s balance check into its renewal reminder, and explains balance checks once', () => {
    // Same card (same renewed link): the reminder and the monthly balance check arrive together.
    const same = renderReminder(email('en', [item({ daysLeft: 1 }), item({ kind: 'balance', daysLeft: 1 })]))
    expect(same.subject).toBe('CMHK 中港卡: 1 day left (3 Dec)')
    for (const part of [same.html, same.text]) expect(part).not.toContain('Monthly balance check')
    // Two cards with only a balance check each: the how-to appears once.
    const two = renderReminder(
      email('zh-Hant', [item({ kind: 'balance' }), item({ kind: 'balance' }, { label: 'Work SIM' }, 2)]),
    )
    const howTo = '現在花一分鐘查看'
    for (const part of [two.html, two.text]) expect(part.split(howTo)).toHaveLength(2)
  })

  it.each([
    ['en', 'ended on 25 November 2026', 'Top up today'],
    ['zh-Hant', '已於2026年11月25日結束', '請今日內'],
    ['zh-Hans', '已于2026年11月25日结束', '请今天内'],
  ] as const)('%s: an expiry notice sent after the date says so instead of "top up today"', (locale, says, not) => {
    const late = renderReminder(email(locale, [item({ kind: 'expired', daysLeft: -8 }, { expiresOn: '2026-11-25' })]))
    for (const part of [late.html, late.text]) {
      expect(part).toContain(says)
      expect(part).not.toContain(not)
    }
    const onTime = renderReminder(email(locale, [item({ kind: 'expired', daysLeft: 0 })]))
    expect(onTime.text).toContain(not)
  })

  it('is a complete, self-contained html document: no scripts, no external images or fonts', () => {
    const { html } = renderReminder(email('zh-Hant'))
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-Hant-HK">')).toBe(true)
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>')
    expect(html).not.toMatch(/<img|<script|<link|<style|@font-face|@import|display:\s*flex|display:\s*grid/)
    // the preheader is there for inbox previews, but hidden without display:none (Gmail webmail ignores it)
    expect(html).toContain('記得及時續期')
    expect(html).not.toContain('display:none')
  })
})

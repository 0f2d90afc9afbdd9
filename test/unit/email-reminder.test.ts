// The reminder email as a subscriber sees it: subject, dates, links, tips, in each language.
import { describe, expect, it } from 'vitest'
import type { Carrier, Locale } from '../../src/domain/types'
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

const email = (locale: Locale, items: ReminderItem[] = [item()], today = '2026-11-26'): ReminderEmailData => ({
  locale,
  today,
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
    expect(renderReminder(email('en', items)).subject).toBe('CMHK 中港卡: 1 day left (3 Dec), plus 1 more reminder')
    const three = [...items, item({ kind: 'balance', daysLeft: 40 }, { label: 'Spare' }, 3)]
    expect(renderReminder(email('en', three)).subject).toBe('CMHK 中港卡: 1 day left (3 Dec), plus 2 more reminders')
    expect(renderReminder(email('zh-Hant', items)).subject).toBe('CMHK 中港卡：尚餘 1 日（12月3日到期），另有 1 項提醒')
    // A subject that ends in a question mark takes no comma after it.
    const asked = [
      item({ kind: 'followup', daysLeft: -1 }),
      item({ kind: 'balance', daysLeft: 40 }, { label: 'Work SIM' }, 2),
    ]
    expect(renderReminder(email('zh-Hant', asked, '2026-12-04')).subject).toBe(
      'CMHK 中港卡：已於12月3日到期，續期了嗎？另有 1 項提醒',
    )
    expect(renderReminder(email('zh-Hans', asked, '2026-12-04')).subject).toBe(
      'CMHK 中港卡：已于12月3日到期，续费了吗？另有 1 条提醒',
    )
    expect(renderReminder(email('en', asked, '2026-12-04')).subject).toBe(
      'CMHK 中港卡: did you renew? It expired on 3 Dec, plus 1 more reminder',
    )
    const plan = [
      item({ kind: 'renew_check', daysLeft: -1 }, { autoRenew: true }),
      item({ kind: 'balance', daysLeft: 40 }, { label: 'Work SIM' }, 2),
    ]
    expect(renderReminder(email('en', plan, '2026-12-04')).subject).toBe(
      'CMHK 中港卡: did the plan renew on 3 Dec? Plus 1 more reminder',
    )
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

  it('auto-renewal on: the reminder is a balance check naming the fee (or the plan’s fee), with no “I’ve renewed”', () => {
    const fee = renderReminder(email('en', [item({}, { autoRenew: true, renewalFeeCents: 4800 })]))
    expect(fee.subject).toBe('CMHK 中港卡: keep HK$48 on the card before 3 Dec')
    expect(fee.text).toContain('Keep at least HK$48 on the card before Thu 3 Dec')
    expect(fee.text).toContain('The plan renews in 7 days')
    const none = renderReminder(email('en', [item({}, { autoRenew: true })]))
    expect(none.text).toContain('Keep at least the plan’s fee on the card')
    for (const part of [fee.html, fee.text, none.text]) {
      expect(part).not.toContain('I’ve renewed')
      expect(part).not.toContain('payment method')
    }
    const cents = renderReminder(email('zh-Hant', [item({}, { autoRenew: true, renewalFeeCents: 4850 })]))
    expect(cents.text).toContain('最少有 HK$48.50')
    expect(renderReminder(email('zh-Hans', [item({}, { autoRenew: true })])).text).toContain('够扣套餐费')
  })

  it('on the plan’s own day (lead day 0) says the fee is taken today, not "before" a day already here', () => {
    const today = (locale: Locale, fee: number | null) =>
      renderReminder(email(locale, [item({ daysLeft: 0 }, { autoRenew: true, renewalFeeCents: fee })], '2026-12-03'))
    const en = today('en', 4800)
    expect(en.subject).toBe('CMHK 中港卡: the plan takes HK$48 from the balance today')
    expect(en.text).toContain(
      'The plan takes HK$48 from the balance today: make sure at least that much is on the card now',
    )
    expect(en.text).not.toContain('before Thu 3 Dec')
    expect(today('en', null).text).toContain('The plan takes its fee from the balance today')
    expect(today('zh-Hant', 4800).subject).toBe('CMHK 中港卡：計劃今日從餘額扣除 HK$48')
    expect(today('zh-Hant', 4800).text).toContain('計劃今日會從餘額扣除 HK$48：請立即確保卡內餘額最少有這個數目')
    expect(today('zh-Hans', null).text).toContain('套餐今天会从余额扣费：请马上确保卡里余额够扣')
    // A day earlier it is still "before" the date.
    const before = renderReminder(
      email('en', [item({ daysLeft: 1 }, { autoRenew: true, renewalFeeCents: 4800 })], '2026-12-02'),
    )
    expect(before.text).toContain('Keep at least HK$48 on the card before Thu 3 Dec')
  })

  it('a SmarTone plan that renews itself also warns that under a month of card validity cancels it', () => {
    const plan = (locale: Locale, card: Partial<ReminderItem['card']>) =>
      renderReminder(
        email(locale, [item({}, { carrier: 'smartone', autoRenew: true, renewalFeeCents: 4800, ...card })]),
      )
    expect(plan('en', {}).text).toContain(
      'SmarTone also cancels the plan if, on the renewal day, the card has less than a month of validity left: check the card’s own expiry too.',
    )
    expect(plan('zh-Hant', {}).text).toContain('如續期當日卡的剩餘有效期不足一個月，SmarTone 亦會取消計劃')
    expect(plan('zh-Hans', {}).html).toContain('如果续费当天卡的剩余有效期不足一个月，SmarTone 也会取消套餐')
    // Only where the carrier says so, and only for a plan that renews itself.
    expect(plan('en', { carrier: 'cmhk' }).text).not.toContain('less than a month of validity')
    expect(plan('en', { autoRenew: false }).text).not.toContain('less than a month of validity')
  })

  it('says what to do this time first: deadline, last safe day, the carrier’s channels, its address as text; tips after', () => {
    const { html, text } = renderReminder(email('en', [item({}, { expiresOn: '2026-12-29' })], '2026-12-22'))
    const order = [
      'What to do this time',
      'Top up by Tue 29 Dec',
      'by Thu 24 Dec at the latest',
      'HK$50 or more gives 180 days',
      'MyLink app or website',
      'PPS: up to 2 working days',
      'Official site, type it yourself: www.hk.chinamobile.com',
      'https://simkeep.test/renewed/tok-renewed-1',
      'Good to know',
      'receipt',
    ]
    const at = order.map((words) => text.indexOf(words))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    // The address is text to type, never a link.
    expect(html).toContain('www.hk.chinamobile.com')
    expect(html).not.toMatch(/href="[^"]*chinamobile/)
    // The tips are general and short: no four-channel essay, and not the to-do again (its validity line
    // already says "counted from the top-up day", so the "too early adds no days" tip is left out).
    const tips = (t: string) => t.split('Good to know')[1]?.split('-----')[0] ?? ''
    expect(tips(text).match(/\n- /g)).toHaveLength(2)
    expect(tips(text)).not.toContain('adds no days')
    const csl = renderReminder(email('en', [item({}, { carrier: 'csl', expiresOn: '2026-12-29' })], '2026-12-22')).text
    expect(tips(csl)).toContain('On some cards topping up very early adds no days')
    const zh = renderReminder(email('zh-Hant', [item({}, { expiresOn: '2026-12-29' })], '2026-12-22')).text
    for (const words of ['今次要做的事', '最遲在12月29日星期二增值', '最遲12月24日星期四辦理', '繳費靈', '官方網站'])
      expect(zh).toContain(words)
    const hans = renderReminder(email('zh-Hans', [item({}, { expiresOn: '2026-12-29' })], '2026-12-22')).text
    for (const words of [
      '这次要做的事',
      '最晚在12月29日星期二充值',
      '最晚12月24日星期四办理',
      '实名登记',
      '微信支付香港',
    ])
      expect(hans).toContain(words)
  })

  it('keeps every date of the to-do on one line in the html (no break after 12月 or before Dec)', () => {
    const nowrap = (date: string) => `<span style="white-space:nowrap">${date}</span>`
    const zh = renderReminder(email('zh-Hant', [item({}, { expiresOn: '2026-12-29' })], '2026-12-22')).html
    expect(zh).toContain(nowrap('12月29日星期二'))
    expect(zh).toContain(nowrap('12月24日星期四'))
    const en = renderReminder(email('en', [item({ daysLeft: -1, kind: 'expired' }, { expiresOn: '2026-12-29' })]))
    expect(en.html).toContain(nowrap('29 December 2026'))
    // The text part stays plain.
    expect(en.text).toContain('ended on 29 December 2026')
  })

  it('when the last safe day has passed, says so and names only the channels that credit at once', () => {
    // Sun 27 Dec 2026 for Tue 29 Dec: the last safe day was Thu 24 Dec (25 and 26 Dec are holidays).
    const { text } = renderReminder(email('en', [item({ daysLeft: 2 }, { expiresOn: '2026-12-29' })], '2026-12-27'))
    expect(text).toContain('Too late for PPS now (the last safe day was Thu 24 Dec)')
    expect(text).toContain('MyLink app or website')
    expect(text).not.toContain('PPS: up to 2 working days')
    const csl = renderReminder(
      email('zh-Hant', [item({ daysLeft: 2 }, { carrier: 'csl', expiresOn: '2026-12-29' })], '2026-12-27'),
    ).text
    expect(csl).toContain('已經來不及（最遲應於12月24日星期四辦理）')
    expect(csl).not.toContain('商戶編號 9121')
    // With time left the same csl card gets its PPS and ATM codes.
    const early = renderReminder(
      email('en', [item({}, { carrier: 'csl', expiresOn: '2026-12-29' })], '2026-12-22'),
    ).text
    expect(early).toContain('PPS (merchant code 9121, from\u00a0HK$50): up to 2 working days')
  })

  it('says CMHK online top-ups can sometimes take until the next working day, as its page does', () => {
    const says = {
      en: 'usually within minutes, sometimes the next working day',
      'zh-Hant': '一般數分鐘內入賬，間中要到下一個工作天才入賬',
      'zh-Hans': '一般几分钟内到账，个别情况下要到下一个工作日才到账',
    } as const
    for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const)
      expect(renderReminder(email(locale)).text).toContain(says[locale])
    // A carrier whose page says nothing of the kind keeps the plain "usually within minutes".
    const smartone = renderReminder(email('en', [item({}, { carrier: 'smartone' })])).text
    expect(smartone).toContain('usually within minutes')
    expect(smartone).not.toContain('next working day')
  })

  it('keeps a minimum top-up and its word on one line (a no-break space between them)', () => {
    const zh = renderReminder(email('zh-Hant', [item({}, { carrier: 'cmhk', expiresOn: '2026-12-29' })], '2026-12-22'))
    expect(zh.text).toContain('HK$50\u00a0起')
    expect(zh.html).toContain('HK$50\u00a0起')
    expect(zh.text).not.toContain('HK$50 起')
  })

  it('for a plan that renews itself, the last safe day counts back from the day before its fee is taken', () => {
    // Thu 10 Dec 2026: keep the fee on the card before the 10th, so a slow payment must arrive by Wed 9:
    // Mon 7 Dec (+2 working days = Wed 9). A card renewed by hand is valid through the 10th: Tue 8 Dec.
    const auto = renderReminder(
      email('en', [item({}, { expiresOn: '2026-12-10', autoRenew: true, renewalFeeCents: 9800 })], '2026-12-03'),
    ).text
    expect(auto).toContain('Keep at least HK$98 on the card before Thu 10 Dec')
    expect(auto).toContain('PPS: pay by Mon 7 Dec at the latest')
    const byHand = renderReminder(email('en', [item({}, { expiresOn: '2026-12-10' })], '2026-12-03')).text
    expect(byHand).toContain('PPS: pay by Tue 8 Dec at the latest')
    // On Tue 8 Dec the plan's last safe day has passed; the hand-renewed card's has not.
    const late = renderReminder(
      email('zh-Hant', [item({ daysLeft: 2 }, { expiresOn: '2026-12-10', autoRenew: true })], '2026-12-08'),
    ).text
    expect(late).toContain('已經來不及（最遲應於12月7日星期一辦理）')
  })

  it('names the slow channels of the card’s own carrier in the last-safe-day line, never one it does not take', () => {
    const slowLine = (locale: Locale, carrier: Carrier | null) =>
      renderReminder(email(locale, [item({}, { carrier, expiresOn: '2026-12-29' })], '2026-12-22'))
        .text.split('\n')
        .find((line) => line.includes('24 Dec') || line.includes('12月24日'))
    // CMHK's pages name PPS only; csl's PPS and two ATM networks; SmarTone's JETCO ATM credits within
    // 30 minutes, so only its HSBC/Hang Seng payment and PPS are slow; no carrier: the general advice.
    expect(slowLine('en', 'cmhk')).toBe(
      '- PPS: pay by Thu 24 Dec at the latest (it can take up to 2 working days to arrive).',
    )
    expect(slowLine('en', 'csl')).toContain('PPS, JETCO bank ATM or HSBC/Hang Seng bill payment: pay by Thu 24 Dec')
    expect(slowLine('en', 'smartone')).toContain('HSBC/Hang Seng bill payment or PPS: pay by Thu 24 Dec')
    expect(slowLine('en', 'smartone')).not.toContain('JETCO')
    expect(slowLine('en', null)).toContain('PPS or bank ATM: pay by Thu 24 Dec')
    expect(slowLine('en', 'other')).toContain('PPS or bank ATM: pay by Thu 24 Dec')
    expect(slowLine('zh-Hant', 'cmhk')).toContain('經繳費靈（PPS）增值：最遲12月24日星期四辦理')
    expect(slowLine('zh-Hant', null)).toContain('經繳費靈（PPS）或銀行櫃員機增值')
    expect(slowLine('zh-Hans', 'csl')).toContain('用缴费灵（PPS）、银通（JETCO）ATM 或汇丰／恒生缴费充值')
  })

  it('adds the real-name tip for one-card-two-numbers carriers and an unknown carrier, not for others', () => {
    const tip = 'Real-name registration done?'
    expect(renderReminder(email('en', [item({}, { carrier: 'cmhk' })])).text).toContain(tip)
    expect(renderReminder(email('en', [item({}, { carrier: 'cuhk' })])).text).toContain(tip)
    expect(renderReminder(email('en', [item({}, { carrier: null })])).text).toContain(tip)
    expect(renderReminder(email('en', [item({}, { carrier: 'other' })])).text).toContain(tip)
    expect(renderReminder(email('en', [item({}, { carrier: 'csl' })])).text).not.toContain(tip)
    expect(renderReminder(email('zh-Hans', [item({}, { carrier: null })])).text).toContain('内地实名登记')
    // "Reactivated only while still valid" still helps on the expiry day, not once the card has expired.
    expect(renderReminder(email('en', [item({ kind: 'expired', daysLeft: 0 })])).text).toContain(tip)
    expect(renderReminder(email('en', [item({ kind: 'expired', daysLeft: -1 })], '2026-12-04')).text).not.toContain(tip)
    expect(renderReminder(email('en', [item({ kind: 'followup', daysLeft: -1 })], '2026-12-04')).text).not.toContain(
      tip,
    )
  })

  it('the E+1 follow-up asks whether the card was renewed, with the carrier’s hotline and no grace promised', () => {
    const f = renderReminder(email('en', [item({ kind: 'followup', daysLeft: -1 })], '2026-12-04'))
    expect(f.subject).toBe('CMHK 中港卡: did you renew? It expired on 3 Dec')
    expect(f.text).toContain('Tap “I’ve renewed”')
    expect(f.text).toContain('Not yet? Contact China Mobile Hong Kong at once')
    expect(f.text).toContain('Hotline: +852\u00a02945\u00a08888.')
    expect(f.html).toContain('tok-renewed-1')
    expect(f.text).not.toMatch(/grace period of|you (still )?have \d+ days/i)
    expect(renderReminder(email('zh-Hant', [item({ kind: 'followup', daysLeft: -1 })])).subject).toBe(
      'CMHK 中港卡：已於12月3日到期，續期了嗎？',
    )
  })

  it('the follow-up asks the carrier whether the number can be kept, instead of saying nothing can be done', () => {
    const follow = (locale: Locale) =>
      renderReminder(email(locale, [item({ kind: 'followup', daysLeft: -1 })], '2026-12-04')).text
    expect(follow('en')).toContain(
      'Not yet? Contact China Mobile Hong Kong at once and ask whether the number can still be kept: on some cards the number and balance are lost at expiry.',
    )
    expect(follow('en')).not.toContain('only while still valid')
    expect(follow('zh-Hant')).toContain('請立即聯絡中國移動香港，查詢號碼能否保留')
    expect(follow('zh-Hans')).toContain('请马上联系中国移动香港，问问号码还能不能保留')
  })

  it('a top-up reminder says what happens if the date is missed, in each language', () => {
    const says = {
      en: 'Top up by Thu 3 Dec. Miss it, and some cards lose their number and balance.',
      'zh-Hant': '請最遲在12月3日星期四增值。錯過了，有些卡的號碼會被收回，餘額亦會清零。',
      'zh-Hans': '请最晚在12月3日星期四充值。错过了，有些卡的号码和余额就没了。',
    } as const
    for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const { html, text } = renderReminder(email(locale))
      expect(text).toContain(says[locale])
      expect(html).toContain(says[locale].slice(-12))
    }
  })

  it('gives validity tiers as ranges that do not overlap (HK$10 to HK$49, then HK$50 or more)', () => {
    expect(renderReminder(email('en')).text).toContain(
      'On some China Mobile Hong Kong cards, HK$10 to HK$49 gives 30 days and HK$50 or more gives 180 days, counted from the top-up day.',
    )
    expect(renderReminder(email('zh-Hant')).text).toContain(
      '增值 HK$10 至 HK$49 有效 30 日，增值 HK$50 或以上有效 180 日',
    )
    expect(renderReminder(email('zh-Hans')).text).toContain(
      '充值 HK$10 至 HK$49 有效 30 天，充值 HK$50 及以上有效 180 天',
    )
  })

  it('tells a card with a day or less left not to wait a day for a missing top-up', () => {
    const tip = (over: Partial<ReminderItem>, locale: Locale = 'en') => renderReminder(email(locale, [item(over)])).text
    const wait = 'Not arrived within 24 hours'
    const now = 'Not arrived soon after paying? Call the carrier the same day'
    expect(tip({ daysLeft: 7 })).toContain(wait)
    expect(tip({ daysLeft: 7 })).not.toContain(now)
    for (const over of [
      { daysLeft: 1 },
      { kind: 'expired', daysLeft: 0 },
      { kind: 'followup', daysLeft: -1 },
    ] as const) {
      expect(tip(over)).toContain(now)
      expect(tip(over)).not.toContain(wait)
    }
    // Two days left but past the last safe day (Sun 27 Dec for Tue 29 Dec): PPS is too late, so is a 2-day wait.
    const late = renderReminder(email('en', [item({ daysLeft: 2 }, { expiresOn: '2026-12-29' })], '2026-12-27')).text
    expect(late).toContain(now)
    expect(late).not.toContain(wait)
    // A "did it renew?" beside a 7-day reminder does not make the reminder urgent.
    const mixed = [
      item({ daysLeft: 7 }),
      item({ kind: 'renew_check', daysLeft: -1 }, { label: 'Plan', autoRenew: true }, 2),
    ]
    expect(renderReminder(email('en', mixed)).text).toContain(wait)
    expect(tip({ kind: 'expired', daysLeft: 0 }, 'zh-Hant')).toContain('請即日致電電訊商')
    expect(tip({ kind: 'expired', daysLeft: 0 }, 'zh-Hans')).toContain('请当天打电话给运营商')
  })

  it('"did it renew?" names the renewal day, the fee and the date it rolled to, with a confirm-or-correct button', () => {
    const card = {
      autoRenew: true,
      renewalFeeCents: 4800,
      expiresOn: '2026-12-03',
      rolledTo: '2027-01-02',
      cycleDays: 30,
    }
    const r = renderReminder(email('en', [item({ kind: 'renew_check', daysLeft: -1 }, card)], '2026-12-04'))
    expect(r.subject).toBe('CMHK 中港卡: did the plan renew on 3 Dec?')
    expect(r.text).toContain('due to renew on Thu 3 Dec by taking HK$48 from the balance')
    expect(r.text).toContain('We’ve moved the expiry to Saturday, 2 January 2027.')
    expect(r.text).toContain('Confirm or correct the date:\nhttps://simkeep.test/renewed/tok-renewed-1')
    expect(r.text).not.toContain('Valid until')
    const hans = renderReminder(
      email('zh-Hans', [
        item({ kind: 'renew_check', daysLeft: -1 }, { ...card, rolledTo: null, renewalFeeCents: null }),
      ]),
    )
    expect(hans.subject).toBe('CMHK 中港卡：12月3日自动续费成功了吗？')
    expect(hans.text).toContain('请告诉我们新的到期日')
    // A yearly plan rolls to the same day a year on: the new date carries its year, or it reads as the old one.
    const yearly = { ...card, expiresOn: '2026-12-28', rolledTo: '2027-12-28', cycleDays: 365 }
    const hant = renderReminder(email('zh-Hant', [item({ kind: 'renew_check', daysLeft: -1 }, yearly)], '2026-12-29'))
    expect(hant.text).toContain('計劃原定12月28日星期一從餘額扣除 HK$48 自動續期')
    expect(hant.text).toContain('我們已把到期日改為2027年12月28日星期二。')
  })

  it('tells an expired card to act today and contact the carrier, promising no grace period', () => {
    for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const { html, text } = renderReminder(email(locale, [item({ kind: 'expired', daysLeft: 0 })]))
      expect(text).toMatch(/today|今日|今天/)
      expect(text).toMatch(/contact China Mobile Hong Kong|聯絡中國移動香港|联系中国移动香港/)
      expect(html).toMatch(/contact China Mobile Hong Kong|聯絡中國移動香港|联系中国移动香港/)
    }
    const en = renderReminder(email('en', [item({ kind: 'expired', daysLeft: 0 })])).text
    expect(en).toContain('Don’t count on a grace period')
    expect(en).not.toMatch(/you (still )?have (a|\d+ days?) grace|within the grace period/i)
    const unknown = renderReminder(email('en', [item({ kind: 'expired', daysLeft: 0 }, { carrier: null })])).text
    expect(unknown).toContain('contact your carrier at once')
  })

  it('a balance-only email explains how to check the balance and skips renewal channels', () => {
    const { text } = renderReminder(email('en', [item({ kind: 'balance', daysLeft: 60 })]))
    expect(text).toContain('Monthly balance check')
    expect(text).toContain('A quick look at the balance now')
    expect(text).toContain('hotline')
    expect(text).not.toContain('How to top up')
    expect(text).not.toContain('Good to know')
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
    ['zh-Hans', '已于2026年11月25日结束', '请今天在'],
  ] as const)('%s: an expiry notice sent after the date says so instead of "top up today"', (locale, says, not) => {
    const late = renderReminder(email(locale, [item({ kind: 'expired', daysLeft: -8 }, { expiresOn: '2026-11-25' })]))
    // The html keeps the date on one line in a span: read it as the reader sees it.
    for (const part of [late.html.replace(/<[^>]+>/g, ''), late.text]) {
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
    expect(html).toContain('何時增值、怎樣增值、增值多少')
    expect(html).not.toContain('display:none')
  })
})

describe('a long label with no spaces', () => {
  it('can wrap in the html (a zero-width space every 16 characters), and reads unchanged in the text and subject', () => {
    const label = 'A'.repeat(60)
    const { html, text, subject } = renderReminder(email('en', [item({}, { label })]))
    const body = html.split('<body')[1] ?? ''
    expect(body).not.toContain('A'.repeat(17))
    expect(body).toContain(`${'A'.repeat(16)}\u200b${'A'.repeat(16)}`)
    expect(text).toContain(label)
    expect(subject).toContain(label)
    // Ordinary labels are untouched.
    expect(renderReminder(email('en')).html).not.toContain('\u200b')
  })
})

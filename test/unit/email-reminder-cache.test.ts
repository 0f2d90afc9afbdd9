// The reminder cache renders each shape once and fills in links and labels: byte for byte what
// renderReminder gives, for every kind of email and every label, including the ones it must not template.
import { describe, expect, it } from 'vitest'
import { CARRIERS, type Carrier, LOCALES, type Locale } from '../../src/domain/types'
import type { ReminderEmailData, ReminderItem } from '../../src/email/data'
import { reminderCacheSize, renderReminderCached } from '../../src/email/reminder-cache'
import { renderReminder } from '../../src/email/render'

const KINDS: ReminderItem['kind'][] = ['reminder', 'expired', 'followup', 'renew_check', 'balance']

function email(
  who: string,
  locale: Locale,
  cards: Array<{ kind: ReminderItem['kind']; carrier: Carrier | null; label: string; daysLeft: number }>,
  extra: { autoRenew?: boolean; fee?: number | null; base?: string } = {},
): ReminderEmailData {
  const base = extra.base ?? 'https://simkeep.test'
  const items = cards.map(
    (c, n): ReminderItem => ({
      kind: c.kind,
      daysLeft: c.daysLeft,
      card: {
        label: c.label,
        carrier: c.carrier,
        expiresOn: c.daysLeft >= 0 ? '2026-12-03' : '2026-11-20',
        autoRenew: extra.autoRenew ?? false,
        cycleDays: 180,
        renewalFeeCents: extra.fee ?? null,
        rolledTo: c.kind === 'renew_check' ? '2027-06-01' : null,
      },
      links: { renewed: `${base}/renewed/tok-${who}-${n}`, calendar: `${base}/calendar/feed-${who}.ics` },
    }),
  )
  const unsubscribe = `${base}/unsubscribe/unsub-${who}`
  return {
    locale,
    today: '2026-11-26',
    items,
    links: {
      manage: `${base}/manage/manage-${who}`,
      unsubscribe,
      ...(cards.some((c) => c.kind === 'balance') ? { stopBalance: `${unsubscribe}?only=balance` } : {}),
    },
    sender: { operator: 'Example Ltd', privacyUrl: `${base}/privacy?lang=${locale}` },
  }
}

const same = (data: ReminderEmailData) => expect(renderReminderCached(data)).toEqual(renderReminder(data))

describe('renderReminderCached', () => {
  it('gives what renderReminder gives for every locale, kind, carrier and renewal mode, for two recipients of each shape', () => {
    for (const locale of LOCALES)
      for (const kind of KINDS)
        for (const carrier of [...CARRIERS, null])
          for (const autoRenew of [false, true])
            for (const daysLeft of kind === 'followup' ? [-3] : [0, 1, 7]) {
              const fee = autoRenew ? 4800 : null
              for (const who of ['a', 'b']) {
                same(email(who, locale, [{ kind, carrier, label: `Card ${who}`, daysLeft }], { autoRenew, fee }))
              }
            }
  })

  it('gives the same for emails about several cards, with a balance check folded in', () => {
    for (const locale of LOCALES)
      for (const who of ['a', 'b', 'c'])
        same(
          email(who, locale, [
            { kind: 'expired', carrier: 'cmhk', label: `中港卡 ${who}`, daysLeft: 0 },
            { kind: 'reminder', carrier: 'csl', label: 'Work SIM', daysLeft: 7 },
            { kind: 'balance', carrier: 'csl', label: 'Work SIM', daysLeft: 7 },
            { kind: 'balance', carrier: '3hk', label: `Spare ${who}`, daysLeft: 30 },
          ]),
        )
  })

  it('gives the same for labels it must render directly: markup, quotes, odd spacing, control characters, too long, empty, a carrier’s name', () => {
    const labels = [
      'A & B',
      '<b>bold</b>',
      'Mum’s "SIM"',
      "Dad's",
      ' leading',
      'trailing ',
      'two  spaces',
      'tab\there',
      'line\nbreak',
      'nbsp\u00a0here',
      'bidi\u202eevil',
      'x'.repeat(61),
      'y'.repeat(60),
      '',
      'China Mobile Hong Kong',
      'SmarTone',
      '3HK',
      '\uE0000\uE001',
    ]
    for (const locale of LOCALES)
      for (const label of labels)
        same(email('a', locale, [{ kind: 'reminder', carrier: 'smartone', label, daysLeft: 3 }]))
  })

  it('gives the same when links need escaping in html', () => {
    same(
      email('a', 'en', [{ kind: 'reminder', carrier: 'cmhk', label: 'Card', daysLeft: 3 }], {
        base: 'https://x.test/?a=1&b=2',
      }),
    )
  })

  it('renders a shape once: two recipients who differ only in links and labels share one entry', () => {
    const before = reminderCacheSize()
    const a = renderReminderCached(
      email('p', 'zh-Hant', [{ kind: 'reminder', carrier: 'cuhk', label: '我的卡', daysLeft: 5 }]),
    )
    const b = renderReminderCached(
      email('q', 'zh-Hant', [{ kind: 'reminder', carrier: 'cuhk', label: '公司卡', daysLeft: 5 }]),
    )
    expect(reminderCacheSize()).toBe(before + 1)
    expect(a.html).toContain('/manage/manage-p')
    expect(b.html).toContain('/manage/manage-q')
    expect(b.html).not.toContain('manage-p')
    expect(b.subject).toContain('公司卡')
    expect(b.text).toContain('/unsubscribe/unsub-q')
  })
})

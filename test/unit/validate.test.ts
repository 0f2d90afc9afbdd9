// Form validation rules, one bad value each, plus the normalisation the rest of the code relies on.
import { describe, expect, it } from 'vitest'
import { feeCents } from '../../src/domain/fee'
import { rawForm } from '../../src/domain/raw-form'
import {
  canonicalTimeZone,
  checkEmail,
  checkExpiry,
  checkLabel,
  DEFAULT_LEAD_DAYS,
  maxExpiry,
  validateCardForm,
  validateSubscription,
} from '../../src/domain/validate'
import { rawFromCard } from '../../src/views/form-values'

// 2026-11-20 10:00 in Hong Kong.
const NOW = Date.UTC(2026, 10, 20, 2, 0)

const good = {
  email: 'Me@Example.COM',
  expires_on: '2026-12-31',
  label: 'Travel SIM',
  carrier: 'cmhk',
  cycle_days: '90',
  lead_days: ['1', '14', '7', '7'],
  auto_renew: 'on',
  renewal_fee: 'HK$48.5',
  balance_check: 'monthly',
  locale: 'zh-Hans',
  timezone: 'Asia/Shanghai',
}

describe('validateSubscription', () => {
  it('accepts a good form and normalises it', () => {
    const r = validateSubscription(rawForm(good, { locale: 'en' }), NOW)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toEqual({
      email: 'me@example.com',
      locale: 'zh-Hans',
      timezone: 'Asia/Shanghai',
      settings: {
        label: 'Travel SIM',
        carrier: 'cmhk',
        expiresOn: '2026-12-31',
        cycleDays: 90,
        leadDays: [14, 7, 1],
        autoRenew: true,
        renewalFeeCents: 4850,
        balanceCheck: 'monthly',
      },
    })
  })

  it('fills defaults for the optional fields', () => {
    const r = validateSubscription(rawForm({ email: 'a@b.co', expires_on: '2026-11-20' }, { locale: 'zh-Hant' }), NOW)
    expect(r.ok && r.value).toMatchObject({
      locale: 'zh-Hant',
      timezone: 'Asia/Hong_Kong',
      settings: {
        leadDays: DEFAULT_LEAD_DAYS,
        carrier: null,
        cycleDays: null,
        autoRenew: false,
        balanceCheck: 'none',
        label: '',
      },
    })
  })

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['email', { email: '' }, 'emailRequired'],
    ['email', { email: 'a@b' }, 'emailInvalid'],
    ['email', { email: 'a b@c.com' }, 'emailInvalid'],
    ['email', { email: `${'a'.repeat(65)}@b.com` }, 'emailInvalid'],
    ['email', { email: `a@${'b'.repeat(250)}.com` }, 'emailTooLong'],
    ['expires_on', { expires_on: '' }, 'dateRequired'],
    ['expires_on', { expires_on: '2026-13-01' }, 'dateInvalid'],
    ['expires_on', { expires_on: '2026-11-19' }, 'datePast'],
    ['expires_on', { expires_on: '2029-11-21' }, 'dateTooFar'],
    ['label', { label: 'x'.repeat(61) }, 'labelTooLong'],
    ['label', { label: 'a\u0000b' }, 'labelInvalid'],
    ['label', { label: 'a\u202eb' }, 'labelInvalid'],
    ['carrier', { carrier: 'CMHK' }, 'carrierInvalid'],
    ['cycle_days', { cycle_days: '0' }, 'cycleInvalid'],
    ['cycle_days', { cycle_days: '1096' }, 'cycleInvalid'],
    ['cycle_days', { cycle_days: '3.5' }, 'cycleInvalid'],
    ['lead_days', { lead_days: ['61'] }, 'leadInvalid'],
    ['lead_days', { lead_days: ['-1'] }, 'leadInvalid'],
    ['lead_days', { lead_days: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] }, 'leadTooMany'],
    // Every box on the form unticked (the hidden marker says the boxes were there).
    ['lead_days', { lead_days: [], lead_days_shown: '1' }, 'leadNone'],
    ['balance_check', { balance_check: 'daily' }, 'balanceInvalid'],
    ['locale', { locale: 'zh' }, 'localeInvalid'],
    ['timezone', { timezone: 'Hong Kong' }, 'timezoneInvalid'],
    ['timezone', { timezone: 'Mars/Base' }, 'timezoneInvalid'],
  ]
  for (const [field, over, key] of bad) {
    it(`${field}: ${JSON.stringify(Object.values(over)[0]).slice(0, 40)} → ${key}`, () => {
      const r = validateSubscription(rawForm({ ...good, ...over }, { locale: 'en' }), NOW)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.errors).toEqual({ [field]: key })
      // The typed values come back to fill the form again.
      expect(r.raw.label).toBe(typeof over.label === 'string' ? over.label : 'Travel SIM')
    })
  }

  it('checks "not in the past" in the subscriber’s timezone', () => {
    // 2026-11-20 02:00 UTC is still 2026-11-19 in Los Angeles.
    const la = validateSubscription(
      rawForm({ ...good, expires_on: '2026-11-19', timezone: 'America/Los_Angeles' }, { locale: 'en' }),
      NOW,
    )
    expect(la.ok).toBe(true)
    const hk = validateSubscription(
      rawForm({ ...good, expires_on: '2026-11-19', timezone: 'Asia/Hong_Kong' }, { locale: 'en' }),
      NOW,
    )
    expect(hk.ok).toBe(false)
  })
})

describe('pieces', () => {
  it('labels lose CR/LF and never carry them', () => {
    expect(checkLabel('a\r\nBcc: x')).toEqual({ label: 'a Bcc: x' })
    expect(checkLabel('  中港卡  ')).toEqual({ label: '中港卡' })
    expect(checkLabel('卡'.repeat(60))).toEqual({ label: '卡'.repeat(60) })
  })

  it('email is lower-cased and trimmed', () => {
    expect(checkEmail('  A.B+tag@Example.Org ')).toEqual({ email: 'a.b+tag@example.org' })
  })

  it('3 years ahead, with 29 February clamped', () => {
    expect(maxExpiry('2026-11-20')).toBe('2029-11-20')
    expect(maxExpiry('2028-02-29')).toBe('2031-02-28')
    expect(checkExpiry('2029-11-20', 'Asia/Hong_Kong', NOW)).toBeNull()
  })

  it('timezones are canonical IANA names', () => {
    expect(canonicalTimeZone('Asia/Hong_Kong')).toBe('Asia/Hong_Kong')
    expect(canonicalTimeZone('UTC')).toBeTruthy()
    expect(canonicalTimeZone('../etc')).toBeNull()
    // Remembered per isolate: asking again gives the same answer, for a good name and a bad one.
    for (let i = 0; i < 2; i++) {
      expect(canonicalTimeZone('asia/hong_kong')).toBe('Asia/Hong_Kong')
      expect(canonicalTimeZone('Mars/Olympus')).toBeNull()
    }
  })

  it('a card edit may keep its current past expiry but not move to another past date', () => {
    const raw = rawForm({ expires_on: '2026-11-01' }, { locale: 'en' })
    expect(validateCardForm(raw, 'Asia/Hong_Kong', NOW, '2026-11-01').ok).toBe(true)
    expect(validateCardForm(raw, 'Asia/Hong_Kong', NOW, '2026-11-02').ok).toBe(false)
  })

  it('ignores uploaded files and empty lead day boxes', () => {
    const raw = rawForm({ email: new File(['x'], 'x.txt'), lead_days: ['', '3', ''] }, { locale: 'en' })
    expect(raw.email).toBe('')
    expect(raw.lead_days).toEqual(['3'])
  })
})

describe('renewal_fee', () => {
  const fee = (renewal_fee: string, autoRenew = true) => {
    const { auto_renew: _, ...rest } = good
    const body = autoRenew ? { ...good, renewal_fee } : { ...rest, renewal_fee }
    return validateSubscription(rawForm(body, { locale: 'en' }), NOW)
  }

  it.each([
    ['48', 4800],
    ['48.5', 4850],
    ['48.50', 4850],
    ['0', 0],
    ['9999.99', 999_999],
    ['HK$ 1,288', 128_800],
    ['$30', 3000],
  ])('reads %j as %d cents', (text, cents) => {
    expect(feeCents(text)).toBe(cents)
    const r = fee(text)
    expect(r.ok && r.value.settings.renewalFeeCents).toBe(cents)
  })

  it.each(['-1', '10000', '48.555', 'abc', '4 8', '1e3', '.5', '48.'])(
    'rejects %j next to the field, keeping it',
    (text) => {
      const r = fee(text)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.errors).toEqual({ renewal_fee: 'feeInvalid' })
      expect(r.raw.renewal_fee).toBe(text)
    },
  )

  it('is optional, and kept only with auto-renewal (a stray value is then ignored, even a bad one)', () => {
    const none = fee('')
    expect(none.ok && none.value.settings.renewalFeeCents).toBeNull()
    const off = fee('abc', false)
    expect(off.ok && off.value.settings).toMatchObject({ autoRenew: false, renewalFeeCents: null })
  })

  it('fills an edit form with the stored fee, and cards stored before it with nothing', () => {
    const r = fee('48.5')
    if (!r.ok) throw new Error('expected a valid form')
    expect(rawFromCard(r.value.settings, 'en', 'Asia/Hong_Kong').renewal_fee).toBe('48.50')
    const { renewalFeeCents: _, ...old } = r.value.settings
    expect(rawFromCard(old, 'en', 'Asia/Hong_Kong').renewal_fee).toBe('')
  })
})

describe('lead days left out', () => {
  it('a client that sends no lead_days (no marker) gets the default 14, 7 and 1, as the contract says', () => {
    const r = validateSubscription(rawForm({ ...good, lead_days: [] }, { locale: 'en' }), NOW)
    expect(r.ok && r.value.settings.leadDays).toEqual([14, 7, 1])
  })
})

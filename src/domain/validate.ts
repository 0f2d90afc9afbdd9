// Parses and checks the sign-up form and the card edit forms (contract "Form fields").

import { feeCents } from './fee'
import { hasLinkOrAddress } from './label-links'
import type { RawForm } from './raw-form'
import { DEFAULT_TIMEZONE, leadDayValue } from './raw-form'
import { type BalanceCheck, CARRIERS, type CardSettings, type Carrier, isLocale, type Locale } from './types'
import { isIsoDate, isValidTimeZone, todayIn } from './zoned-time'

export const DEFAULT_LEAD_DAYS = [14, 7, 1]
const MAX_LEAD_DAYS = 10
const LABEL_MAX = 60
export const EMAIL_MAX = 254

type FieldName =
  | 'email'
  | 'expires_on'
  | 'label'
  | 'carrier'
  | 'cycle_days'
  | 'lead_days'
  | 'auto_renew'
  | 'renewal_fee'
  | 'balance_check'
  | 'locale'
  | 'timezone'

export type ErrorKey =
  | 'emailRequired'
  | 'emailInvalid'
  | 'emailTooLong'
  | 'dateRequired'
  | 'dateInvalid'
  | 'datePast'
  | 'dateTooFar'
  | 'labelTooLong'
  | 'labelInvalid'
  | 'labelLink'
  | 'carrierInvalid'
  | 'cycleInvalid'
  | 'feeInvalid'
  | 'cycleConflict'
  | 'leadInvalid'
  | 'leadTooMany'
  | 'leadNone'
  | 'balanceInvalid'
  | 'localeInvalid'
  | 'timezoneInvalid'

export type FieldErrors = Partial<Record<FieldName, ErrorKey>>

export interface Subscription {
  email: string
  locale: Locale
  timezone: string
  settings: CardSettings
}

export type Result<T> = { ok: true; value: T; raw: RawForm } | { ok: false; errors: FieldErrors; raw: RawForm }

// The WHATWG "valid e-mail address" grammar, but requiring a dot in the domain.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/
// C0 and C1 controls, plus bidi overrides that could disguise a label in an email.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is this regex's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

export function checkEmail(text: string): { email: string } | { error: ErrorKey } {
  const email = text.trim()
  if (!email) return { error: 'emailRequired' }
  if (email.length > EMAIL_MAX) return { error: 'emailTooLong' }
  const local = email.split('@')[0] ?? ''
  if (!EMAIL.test(email) || local.length > 64) return { error: 'emailInvalid' }
  // One row per mailbox however it is capitalised.
  return { email: email.toLowerCase() }
}

/** The last day a new expiry may be: the same date 3 years on (29 Feb → 28 Feb). */
export function maxExpiry(today: string): string {
  const [y, m, d] = today.split('-') as [string, string, string]
  const year = String(Number(y) + 3).padStart(4, '0')
  const candidate = `${year}-${m}-${d}`
  return isIsoDate(candidate) ? candidate : `${year}-${m}-28`
}

/** Checks an expiry date against the subscriber's local today. */
export function checkExpiry(text: string, timeZone: string, now: number): ErrorKey | null {
  if (!text) return 'dateRequired'
  if (!isIsoDate(text)) return 'dateInvalid'
  const today = todayIn(now, timeZone)
  if (text < today) return 'datePast'
  if (text > maxExpiry(today)) return 'dateTooFar'
  return null
}

/** Label as stored: line breaks become spaces so they can never reach a header or subject. */
export function checkLabel(text: string): { label: string } | { error: ErrorKey } {
  const label = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
  if (CONTROL.test(label)) return { error: 'labelInvalid' }
  if ([...label].length > LABEL_MAX) return { error: 'labelTooLong' }
  if (hasLinkOrAddress(label)) return { error: 'labelLink' }
  return { label }
}

/**
 * Canonical names by the text sent, per isolate: building an Intl formatter was the costliest step of
 * validating a sign-up. Bounded, since Intl accepts any letter case of a name.
 */
const canonicalZones = new Map<string, string | null>()
const CANONICAL_ZONES_MAX = 500

export function canonicalTimeZone(text: string): string | null {
  let zone = canonicalZones.get(text)
  if (zone !== undefined) return zone
  zone = resolveTimeZone(text)
  if (canonicalZones.size >= CANONICAL_ZONES_MAX) canonicalZones.clear()
  canonicalZones.set(text, zone)
  return zone
}

function resolveTimeZone(text: string): string | null {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(text) || !isValidTimeZone(text)) return null
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** The card fields (everything but email, locale and timezone), checked in `timeZone`. */
function checkCard(
  raw: RawForm,
  timeZone: string,
  now: number,
  keepDate?: string,
): { settings: CardSettings | null; errors: FieldErrors } {
  const errors: FieldErrors = {}

  // An edit that keeps a card's current (possibly past) expiry is not a new date to check.
  const dateError =
    keepDate !== undefined && raw.expires_on === keepDate ? null : checkExpiry(raw.expires_on, timeZone, now)
  if (dateError) errors.expires_on = dateError

  const label = checkLabel(raw.label)
  if ('error' in label) errors.label = label.error

  let carrier: Carrier | null = null
  if (raw.carrier) {
    if ((CARRIERS as readonly string[]).includes(raw.carrier)) carrier = raw.carrier as Carrier
    else errors.carrier = 'carrierInvalid'
  }

  let cycleDays: number | null = null
  if (raw.cycle_days.includes(',')) errors.cycle_days = 'cycleConflict'
  else if (raw.cycle_days) {
    const n = /^\d{1,4}$/.test(raw.cycle_days) ? Number(raw.cycle_days) : Number.NaN
    if (n >= 1 && n <= 1095) cycleDays = n
    else errors.cycle_days = 'cycleInvalid'
  }

  let leadDays = DEFAULT_LEAD_DAYS
  // Every box unticked on the form: say so rather than quietly bring back 14, 7 and 1.
  if (raw.lead_days.length === 0 && raw.lead_days_shown) errors.lead_days = 'leadNone'
  if (raw.lead_days.length > 0) {
    const nums = raw.lead_days.map(leadDayValue)
    if (nums.some((n) => n === null)) errors.lead_days = 'leadInvalid'
    else {
      leadDays = [...new Set(nums as number[])].sort((a, b) => b - a)
      if (leadDays.length > MAX_LEAD_DAYS) errors.lead_days = 'leadTooMany'
    }
  }

  // The fee means something only for a plan that renews itself; without auto_renew it is ignored.
  let renewalFeeCents: number | null = null
  if (raw.auto_renew && raw.renewal_fee) {
    renewalFeeCents = feeCents(raw.renewal_fee)
    if (renewalFeeCents === null) errors.renewal_fee = 'feeInvalid'
  }

  let balanceCheck: BalanceCheck = 'none'
  if (raw.balance_check) {
    if (raw.balance_check === 'monthly' || raw.balance_check === 'none') balanceCheck = raw.balance_check
    else errors.balance_check = 'balanceInvalid'
  }

  if (Object.keys(errors).length > 0 || 'error' in label) return { settings: null, errors }
  return {
    settings: {
      label: label.label,
      carrier,
      expiresOn: raw.expires_on,
      cycleDays,
      leadDays,
      autoRenew: raw.auto_renew,
      renewalFeeCents,
      balanceCheck,
    },
    errors,
  }
}

/** Language and timezone, as on the form and the manage page. */
export function checkPreferences(raw: Pick<RawForm, 'locale' | 'timezone'>): {
  locale: Locale | null
  timezone: string | null
  errors: FieldErrors
} {
  const errors: FieldErrors = {}
  const locale = isLocale(raw.locale) ? raw.locale : null
  if (!locale) errors.locale = 'localeInvalid'
  const timezone = canonicalTimeZone(raw.timezone)
  if (!timezone) errors.timezone = 'timezoneInvalid'
  return { locale, timezone, errors }
}

/** The whole sign-up form. */
export function validateSubscription(raw: RawForm, now: number): Result<Subscription> {
  const errors: FieldErrors = {}
  const email = checkEmail(raw.email)
  if ('error' in email) errors.email = email.error
  const prefs = checkPreferences(raw)
  Object.assign(errors, prefs.errors)
  // Dates are checked in the timezone the subscriber chose (or the default when it is wrong).
  const card = checkCard(raw, prefs.timezone ?? DEFAULT_TIMEZONE, now)
  Object.assign(errors, card.errors)
  if ('error' in email || !prefs.locale || !prefs.timezone || !card.settings || Object.keys(errors).length > 0) {
    return { ok: false, errors, raw }
  }
  return {
    ok: true,
    value: { email: email.email, locale: prefs.locale, timezone: prefs.timezone, settings: card.settings },
    raw,
  }
}

/** A card form on the manage page (same field names as sign-up, no email). */
export function validateCardForm(raw: RawForm, timeZone: string, now: number, keepDate?: string): Result<CardSettings> {
  const { settings, errors } = checkCard(raw, timeZone, now, keepDate)
  return settings ? { ok: true, value: settings, raw } : { ok: false, errors, raw }
}

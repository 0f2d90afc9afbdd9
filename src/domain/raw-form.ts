// The form's values as typed (strings, unchecked), read from the request body; validate.ts checks them.
import type { Locale } from './types'

export const DEFAULT_TIMEZONE = 'Asia/Hong_Kong'

/** The form's values as typed, to fill the form again after an error. */
export interface RawForm {
  email: string
  expires_on: string
  label: string
  carrier: string
  cycle_days: string
  lead_days: string[]
  /**
   * The form's lead-day boxes were on the page (a hidden lead_days_shown field beside them): with none
   * ticked the subscriber unticked them all, which is not "use the defaults" (a client that omits
   * lead_days altogether still gets the defaults, per the contract).
   */
  lead_days_shown?: boolean
  auto_renew: boolean
  renewal_fee: string
  balance_check: string
  locale: string
  timezone: string
}

/** Reads the body that parseBody({ all: true }) gave into plain strings; files are ignored. */
export function rawForm(body: Record<string, unknown>, defaults: { locale: Locale }): RawForm {
  const all = (name: string): string[] => {
    const v = body[name]
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
    return list.filter((x): x is string => typeof x === 'string')
  }
  const one = (name: string) => (all(name)[0] ?? '').slice(0, 1000)
  return {
    email: one('email').trim(),
    expires_on: one('expires_on').trim(),
    label: one('label'),
    carrier: one('carrier').trim(),
    cycle_days: cycleValue(all('cycle_days')),
    lead_days: all('lead_days')
      .slice(0, 100)
      .map((s) => s.trim().slice(0, 10))
      .filter((s) => s !== ''),
    lead_days_shown: all('lead_days_shown').length > 0,
    auto_renew: all('auto_renew').length > 0,
    renewal_fee: one('renewal_fee').trim(),
    balance_check: one('balance_check').trim(),
    locale: one('locale').trim() || defaults.locale,
    timezone: one('timezone').trim() || DEFAULT_TIMEZONE,
  }
}

/**
 * The form offers the cycle as radios (30, 90, 180, 365, or empty for "I don't know") plus an "other"
 * number box, all named cycle_days like the lead-day boxes: the empty ones say nothing, one value is
 * the answer, and two different ones (a preset ticked and another number typed) are joined with a
 * comma, which checkCard reports as a conflict instead of guessing.
 */
function cycleValue(values: string[]): string {
  const given = [...new Set(values.map((v) => v.trim().slice(0, 10)).filter((v) => v !== ''))]
  return given.slice(0, 3).join(',')
}

/** A reminder day as typed: one or two digits, 0 to 60 days before expiry; null for anything else. */
export function leadDayValue(text: string): number | null {
  return /^\d{1,2}$/.test(text) && Number(text) <= 60 ? Number(text) : null
}

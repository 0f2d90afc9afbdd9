// The form's view models: the values an empty sign-up form and a card's edit form start with.

import { feeText } from '../domain/fee'
import { DEFAULT_TIMEZONE, type RawForm } from '../domain/raw-form'
import type { CardSettings, Locale } from '../domain/types'
import { DEFAULT_LEAD_DAYS } from '../domain/validate'

/** A stored card as form values, to fill an edit form. */
export function rawFromCard(card: CardSettings, locale: Locale, timezone: string): RawForm {
  return {
    email: '',
    expires_on: card.expiresOn,
    label: card.label,
    carrier: card.carrier ?? '',
    cycle_days: card.cycleDays === null ? '' : String(card.cycleDays),
    lead_days: card.leadDays.map(String),
    auto_renew: card.autoRenew,
    renewal_fee: card.renewalFeeCents == null ? '' : feeText(card.renewalFeeCents),
    balance_check: card.balanceCheck,
    locale,
    timezone,
  }
}

export function emptyForm(locale: Locale): RawForm {
  return {
    email: '',
    expires_on: '',
    label: '',
    carrier: '',
    cycle_days: '',
    lead_days: DEFAULT_LEAD_DAYS.map(String),
    auto_renew: false,
    renewal_fee: '',
    balance_check: 'none',
    locale,
    timezone: DEFAULT_TIMEZONE,
  }
}

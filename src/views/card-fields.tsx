// The card's fields, shared by the sign-up form (split around its "More settings" disclosure) and the
// manage page's edit and add forms (all at once).

import { leadDayValue, type RawForm } from '../domain/raw-form'
import { CARRIERS, LOCALES } from '../domain/types'
import type { FieldErrors } from '../domain/validate'
import { fill, LANGUAGE_NAMES, type PageMessages } from '../i18n/pages'
import { CycleGroup } from './cycle-group'
import { DateField } from './date-field'
import { errorText, Group, InputField, SelectField } from './fields'
import { timeZoneOptions } from './time-zones'

const PRESET_LEAD_DAYS = [30, 14, 7, 3, 1, 0]

export function leadDayLabel(t: PageMessages, n: number): string {
  if (n === 0) return t.leadOnTheDay
  if (n === 1) return t.leadOneDayBefore
  return fill(t.leadDaysBefore, { n })
}

/**
 * Splits the chosen days that are not presets: one goes back into the single "another number"
 * input (a bad one first, so its message sits by it); any other valid ones, which only a stored
 * card or a hand-made request can have, stay as ticked boxes instead of extra inputs.
 */
function splitLeadDays(values: string[]): { other: string; more: string[] } {
  const presets = PRESET_LEAD_DAYS.map(String)
  const extra = [...new Set(values.filter((v) => !presets.includes(v)))]
  const valid = (v: string) => leadDayValue(v) !== null
  const other = extra.find((v) => !valid(v)) ?? extra[0] ?? ''
  const more = extra.filter((v) => v !== other && valid(v)).sort((a, b) => Number(b) - Number(a))
  return { other, more }
}

interface CardFieldsProps {
  t: PageMessages
  raw: RawForm
  errors: FieldErrors
  /** unique per form on a page, so ids never clash */
  prefix: string
  /** the page's Intl locale, for the chosen date in words */
  intl: string
}

const errorOf = (t: PageMessages, errors: FieldErrors, name: keyof FieldErrors) => {
  const key = errors[name]
  return key ? errorText(t, key) : undefined
}

export function ExpiryField({ t, raw, errors, prefix, intl }: CardFieldsProps) {
  return (
    <DateField
      id={`${prefix}-expires_on`}
      name="expires_on"
      label={t.expiresLabel}
      hint={t.expiresHint}
      error={errorOf(t, errors, 'expires_on')}
      value={raw.expires_on}
      intl={intl}
      required
    />
  )
}

export function LabelField({ t, raw, errors, prefix }: CardFieldsProps) {
  return (
    <InputField
      id={`${prefix}-label`}
      name="label"
      type="text"
      label={t.labelLabel}
      hint={t.labelHint}
      error={errorOf(t, errors, 'label')}
      value={raw.label}
      attrs={{ maxlength: 60, autocomplete: 'off' }}
    />
  )
}

export function CarrierField({ t, raw, errors, prefix }: CardFieldsProps) {
  return (
    <SelectField
      id={`${prefix}-carrier`}
      name="carrier"
      label={t.carrierLabel}
      error={errorOf(t, errors, 'carrier')}
      value={raw.carrier}
      options={[{ value: '', label: t.carrierNone }, ...CARRIERS.map((c) => ({ value: c, label: t[`carrier_${c}`] }))]}
    />
  )
}

/** When and how to remind: lead days, cycle, auto-renewal (and its fee), balance checks. */
export function ReminderFields({ t, raw, errors, prefix }: CardFieldsProps) {
  const id = (name: string) => `${prefix}-${name}`
  // "07" is the 7-day box, not a second, custom 7.
  const days = raw.lead_days.map((v) => String(leadDayValue(v) ?? v))
  const chosen = new Set(days)
  const { other, more } = splitLeadDays(days)
  // A bad value can only be a typed one, so its message belongs by the input that shows it;
  // a count over the limit is about the whole group.
  const leadError = errorOf(t, errors, 'lead_days')
  const otherError = errors.lead_days === 'leadInvalid' ? leadError : undefined
  const groupError = otherError ? undefined : leadError
  return (
    <>
      <Group id={id('lead_days')} label={t.leadLegend} hint={t.leadHint} error={groupError}>
        <input type="hidden" name="lead_days_shown" value="1" />
        {[...PRESET_LEAD_DAYS.map(String), ...more].map((v) => (
          <div class="check">
            <input type="checkbox" id={id(`lead-${v}`)} name="lead_days" value={v} checked={chosen.has(v)} />
            <label for={id(`lead-${v}`)}>{leadDayLabel(t, Number(v))}</label>
          </div>
        ))}
        <InputField
          id={id('lead-other')}
          name="lead_days"
          type="number"
          label={t.leadOtherLabel}
          error={otherError}
          value={other}
          attrs={{ min: 0, max: 60, step: 1, inputmode: 'numeric' }}
        />
      </Group>
      <CycleGroup t={t} value={raw.cycle_days} error={errorOf(t, errors, 'cycle_days')} prefix={prefix} />
      <div class="field check">
        <input
          type="checkbox"
          id={id('auto_renew')}
          name="auto_renew"
          value="on"
          checked={raw.auto_renew}
          aria-describedby={id('auto_renew-hint')}
        />
        <label for={id('auto_renew')}>{t.autoRenewLabel}</label>
        <p class="hint" id={id('auto_renew-hint')}>
          {t.autoRenewHint}
        </p>
      </div>
      <InputField
        id={id('renewal_fee')}
        name="renewal_fee"
        type="text"
        label={t.renewalFeeLabel}
        hint={t.renewalFeeHint}
        error={errorOf(t, errors, 'renewal_fee')}
        value={raw.renewal_fee}
        attrs={{ inputmode: 'decimal', autocomplete: 'off', maxlength: 12 }}
      />
      <Group id={id('balance_check')} label={t.balanceLegend} error={errorOf(t, errors, 'balance_check')}>
        {(['monthly', 'none'] as const).map((v) => (
          <div class="radio">
            <input
              type="radio"
              id={id(`balance-${v}`)}
              name="balance_check"
              value={v}
              checked={(raw.balance_check || 'none') === v}
            />
            <label for={id(`balance-${v}`)}>{v === 'monthly' ? t.balanceMonthly : t.balanceNone}</label>
          </div>
        ))}
      </Group>
    </>
  )
}

/** Every card field in one go, as the manage page's edit and add forms show them. */
export function CardFields(props: CardFieldsProps) {
  return (
    <>
      <ExpiryField {...props} />
      <LabelField {...props} />
      <CarrierField {...props} />
      <ReminderFields {...props} />
    </>
  )
}

export function PreferenceFields({ t, raw, errors, prefix }: Omit<CardFieldsProps, 'intl'>) {
  const id = (name: string) => `${prefix}-${name}`
  return (
    <>
      <SelectField
        id={id('locale')}
        name="locale"
        label={t.localeLabel}
        error={errors.locale ? errorText(t, errors.locale) : undefined}
        value={raw.locale}
        options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
      />
      <SelectField
        id={id('timezone')}
        name="timezone"
        label={t.timezoneLabel}
        hint={t.timezoneHint}
        error={errors.timezone ? errorText(t, errors.timezone) : undefined}
        value={raw.timezone}
        options={timeZoneOptions(t, raw.timezone)}
      />
    </>
  )
}

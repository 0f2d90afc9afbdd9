// The card's fields, shared by the sign-up form and the manage page's edit and add forms.
import { CARRIERS, LOCALES } from '../domain/types'
import { type FieldErrors, leadDayValue, type RawForm } from '../domain/validate'
import { fill, LANGUAGE_NAMES, type PageMessages } from '../i18n/pages'
import { errorText, Group, InputField, SelectField, type SelectOption } from './fields'

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
}

export function CardFields({ t, raw, errors, prefix }: CardFieldsProps) {
  const id = (name: string) => `${prefix}-${name}`
  const err = (name: keyof FieldErrors) => {
    const key = errors[name]
    return key ? errorText(t, key) : undefined
  }
  // "07" is the 7-day box, not a second, custom 7.
  const days = raw.lead_days.map((v) => String(leadDayValue(v) ?? v))
  const chosen = new Set(days)
  const { other, more } = splitLeadDays(days)
  // A bad value can only be a typed one, so its message belongs by the input that shows it;
  // a count over the limit is about the whole group.
  const leadError = err('lead_days')
  const otherError = errors.lead_days === 'leadInvalid' ? leadError : undefined
  const groupError = otherError ? undefined : leadError
  return (
    <>
      <InputField
        id={id('expires_on')}
        name="expires_on"
        type="date"
        label={t.expiresLabel}
        hint={t.expiresHint}
        error={err('expires_on')}
        value={raw.expires_on}
        required
      />
      <InputField
        id={id('label')}
        name="label"
        type="text"
        label={t.labelLabel}
        hint={t.labelHint}
        error={err('label')}
        value={raw.label}
        attrs={{ maxlength: 60, autocomplete: 'off' }}
      />
      <SelectField
        id={id('carrier')}
        name="carrier"
        label={t.carrierLabel}
        error={err('carrier')}
        value={raw.carrier}
        options={[
          { value: '', label: t.carrierNone },
          ...CARRIERS.map((c) => ({ value: c, label: t[`carrier_${c}`] })),
        ]}
      />
      <InputField
        id={id('cycle_days')}
        name="cycle_days"
        type="number"
        label={t.cycleLabel}
        hint={t.cycleHint}
        error={err('cycle_days')}
        value={raw.cycle_days}
        attrs={{ min: 1, max: 1095, step: 1, inputmode: 'numeric' }}
      />
      <Group id={id('lead_days')} label={t.leadLegend} hint={t.leadHint} error={groupError}>
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
      <Group id={id('balance_check')} label={t.balanceLegend} error={err('balance_check')}>
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

/** All IANA zones the runtime knows, with the current value kept even if it is an alias. */
let zoneCache: string[] | null = null
function timeZones(current: string): string[] {
  if (!zoneCache) {
    try {
      zoneCache = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')
    } catch {
      zoneCache = []
    }
    if (!zoneCache.includes('Asia/Hong_Kong')) zoneCache = ['Asia/Hong_Kong', ...zoneCache]
  }
  return current && !zoneCache.includes(current) ? [current, ...zoneCache] : zoneCache
}

/** Where SIMKeep's users live and travel: listed first, so nobody scrolls 400 zones to find Hong Kong. */
const COMMON_ZONES = [
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Australia/Sydney',
  'America/Vancouver',
  'America/Toronto',
  'America/Los_Angeles',
  'America/New_York',
]

/** "香港時間 · Asia/Hong Kong": the zone's everyday name in the page language, then its id. */
function zoneLabel(zone: string, lang: string): string {
  const id = zone.replace(/_/g, ' ')
  try {
    const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(0)
      .find((p) => p.type === 'timeZoneName')?.value
    return name ? `${name} · ${id}` : id
  } catch {
    return id
  }
}

/**
 * The runtime's zone list keeps some renamed cities under their old ids (its canonical form, so they
 * stay the stored values); the label shows today's name.
 */
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho Chi Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
}

// Every form page shows this list: build it (and its Intl zone names) once per language per isolate.
const optionsCache = new Map<string, SelectOption[]>()

function timeZoneOptions(t: PageMessages, current: string): SelectOption[] {
  const all = timeZones(current)
  // timeZones hands back the shared list unless `current` is an alias it lacks; only that list is cached.
  const shared = all === timeZones('')
  const hit = shared ? optionsCache.get(t.htmlLang) : undefined
  if (hit) return hit
  const common = COMMON_ZONES.filter((z) => all.includes(z))
  const options = [
    ...common.map((z) => ({ value: z, label: zoneLabel(z, t.htmlLang), group: t.timezoneCommon })),
    ...all
      .filter((z) => !common.includes(z))
      .map((z) => ({ value: z, label: RENAMED[z] ?? z.replace(/_/g, ' '), group: t.timezoneAll })),
  ]
  if (shared) optionsCache.set(t.htmlLang, options)
  return options
}

export function PreferenceFields({ t, raw, errors, prefix }: CardFieldsProps) {
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

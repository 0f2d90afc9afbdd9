// How long one renewal lasts, as choices: 30, 90, 180, 365 days, "I don't know", or another number.
//
// Every control is named cycle_days (the contract field), like the lead-day boxes: each radio carries
// a valid value (a number, or empty for "I don't know"), and the "another number" box carries what is
// typed. The server reads the non-empty values (domain/validate.ts): one is the answer, two different
// ones are a conflict reported by the group. The page script clears the box when a radio is picked and
// unticks the radios when a number is typed, and leaves the empty box out of the POST, so a browser
// with JavaScript sends exactly one cycle_days.
import type { PageMessages } from '../i18n/pages'
import { fill } from '../i18n/pages'
import { describedBy } from './fields'

export const PRESET_CYCLES = ['30', '90', '180', '365']

/** The form's value split back into the radio to tick and the number to show in the box. */
export function splitCycle(value: string): { radio: string | null; other: string } {
  const parts = value.split(',').filter((p) => p !== '')
  if (parts.length === 0) return { radio: '', other: '' }
  const preset = parts.find((p) => PRESET_CYCLES.includes(p)) ?? null
  const other = parts.find((p) => !PRESET_CYCLES.includes(p)) ?? ''
  return { radio: preset, other }
}

export function CycleGroup({
  t,
  value,
  error,
  prefix,
}: {
  t: PageMessages
  value: string
  error?: string
  prefix: string
}) {
  const id = `${prefix}-cycle_days`
  const { radio, other } = splitCycle(value)
  const choices = [
    ...PRESET_CYCLES.map((n) => ({ v: n, label: fill(t.cycleDaysOption, { n }) })),
    { v: '', label: t.cycleUnknown },
  ]
  return (
    <fieldset id={id} class="cycle" aria-describedby={describedBy(id, t.cycleHint, error)}>
      <legend>{t.cycleLabel}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t.cycleHint}
      </p>
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div class="choices">
        {choices.map((c) => (
          <div class="radio">
            <input
              type="radio"
              id={`${id}-${c.v || 'unknown'}`}
              name="cycle_days"
              value={c.v}
              checked={radio === c.v}
            />
            <label for={`${id}-${c.v || 'unknown'}`}>{c.label}</label>
          </div>
        ))}
      </div>
      <div class="field">
        <label for={`${id}-other`}>{t.cycleOtherLabel}</label>
        <input
          id={`${id}-other`}
          name="cycle_days"
          type="number"
          value={other}
          min={1}
          max={1095}
          step={1}
          inputmode="numeric"
          data-cycle-other=""
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
    </fieldset>
  )
}

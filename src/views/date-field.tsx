// A date input with the chosen date written out in the page language beside it: browsers draw the
// input in the OS locale (mm/dd/yyyy on a zh-Hant page), so the words say which day it really is.
import { isIsoDate } from '../domain/zoned-time'
import { describedBy } from './fields'

const wordsCache = new Map<string, Intl.DateTimeFormat>()

/** "Monday, 25 January 2027" / "2027年1月25日星期一", or '' for anything that is not a date. */
export function dateInWords(value: string, intl: string): string {
  if (!isIsoDate(value)) return ''
  let f = wordsCache.get(intl)
  if (!f) {
    f = new Intl.DateTimeFormat(intl, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'long',
      timeZone: 'UTC',
    })
    wordsCache.set(intl, f)
  }
  return f.format(new Date(`${value}T00:00:00Z`))
}

export function DateField(props: {
  id: string
  name: string
  label: string
  hint?: string
  error?: string
  value: string
  /** Intl locale of the page, e.g. zh-HK; the page script formats later choices the same way */
  intl: string
  required?: boolean
}) {
  const { id, name, label, hint, error, value, intl, required } = props
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="date"
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[describedBy(id, hint, error), `${id}-words`].filter(Boolean).join(' ')}
      />
      <p class="words" id={`${id}-words`} data-words-for={id} data-intl={intl} aria-live="polite">
        {dateInWords(value, intl)}
      </p>
    </div>
  )
}

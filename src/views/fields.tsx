// Form controls with their label, hint and error tied together (aria-describedby, aria-invalid).
import type { Child } from 'hono/jsx'
import type { ErrorKey } from '../domain/validate'
import type { PageMessages } from '../i18n/pages'

export function errorText(t: PageMessages, key: ErrorKey): string {
  return t[`err_${key}`]
}

interface FieldFrame {
  id: string
  label: string
  hint?: string
  error?: string
}

/** ids for aria-describedby: the error first, so screen readers say it first. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

function Help({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  )
}

export function InputField(
  props: FieldFrame & {
    name: string
    type: 'email' | 'text' | 'date' | 'number'
    value: string
    required?: boolean
    attrs?: Record<string, string | number | boolean>
  },
) {
  const { id, label, hint, error, name, type, value, required, attrs } = props
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Help id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...(attrs ?? {})}
      />
    </div>
  )
}

export interface SelectOption {
  value: string
  label: string
  /** options with a group are shown under an <optgroup> of that label, groups in order of appearance */
  group?: string
}

/**
 * An option whose text is its value carries no value attribute (the browser submits the text): most of
 * the ~420 time zones ("Africa/Abidjan"), a quarter of the sign-up page's bytes.
 */
function Options({ options, value }: { options: SelectOption[]; value: string }) {
  const option = (o: SelectOption) => (
    <option value={o.label === o.value ? undefined : o.value} selected={o.value === value}>
      {o.label}
    </option>
  )
  if (!options.some((o) => o.group)) return <>{options.map(option)}</>
  const groups = new Map<string, SelectOption[]>()
  for (const o of options) groups.set(o.group ?? '', [...(groups.get(o.group ?? '') ?? []), o])
  return (
    <>
      {[...groups].map(([group, list]) => (
        <optgroup label={group}>{list.map(option)}</optgroup>
      ))}
    </>
  )
}

export function SelectField(props: FieldFrame & { name: string; value: string; options: SelectOption[] }) {
  const { id, label, hint, error, name, value, options } = props
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Help id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        <Options options={options} value={value} />
      </select>
    </div>
  )
}

/** A fieldset with a legend; its hint and error describe the whole group. */
export function Group(props: FieldFrame & { children?: Child }) {
  const { id, label, hint, error, children } = props
  return (
    <fieldset id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <Help id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  )
}

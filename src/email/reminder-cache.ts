// renderReminder through a cache: emails that differ only in their links and card labels are rendered
// once, with placeholders, and the recipient's own links and labels are filled in.
//
// Decisions:
// - A burst renders thousands of reminders that say the same thing in the same language (same kind,
//   carrier, dates, days left) and differ only in signed links and labels; rendering the html and text
//   costs ~0.25 ms of CPU an email, filling in placeholders a few µs.
// - Byte for byte the same as renderReminder: a value is replaced by a placeholder only where the
//   renderer treats it as opaque text, i.e. when html escaping leaves it unchanged (no & < > " '), and,
//   for a label, when cardName would show it as it is (already trimmed, one line, ≤ 60 characters, not
//   a carrier's name, no run the html breaks up: hasLongRun) and the subject stays under cleanSubject's
//   200 characters. Anything else is rendered directly. test/unit/email-reminder-cache.test.ts compares
//   the two on every kind of input.
// - The cache lives as long as the isolate, bounded: it is emptied when full.
import { CARRIERS } from '../domain/types'
import { emailCopy } from '../i18n/emails'
import { fillSlots, slot } from '../lib/slots'
import { hasLongRun } from './card-name'
import type { ReminderEmailData, ReminderItem, RenderedEmail } from './data'
import { renderReminder } from './render'

/** Rendered shapes kept: a day's burst has a few hundred (locales × kinds × carriers × lead days). */
const MAX_ENTRIES = 500
/** cleanSubject's and cardName's length limits (src/email/card-name.ts). */
const MAX_SUBJECT = 200
const MAX_LABEL = 60

const UNSAFE_LINK = /[&<>"'\uE000\uE001]/
/** What cleanText would change (src/email/card-name.ts), plus what escaping would. */
const UNSAFE_LABEL = /[&<>"'\uE000\uE001\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]|\s\s|^\s|\s$|[^\S ]/u

const cache = new Map<string, RenderedEmail>()

function safeLabel(label: string, locale: ReminderEmailData['locale']): boolean {
  if (label === '' || UNSAFE_LABEL.test(label) || hasLongRun(label) || Array.from(label).length > MAX_LABEL)
    return false
  const names = emailCopy(locale).carriers as Record<string, string>
  return !CARRIERS.some((c) => names[c] === label)
}

export function renderReminderCached(data: ReminderEmailData): RenderedEmail {
  const values: string[] = []
  const index = new Map<string, number>()
  let ok = true
  const hole = (value: string): string => {
    let i = index.get(value)
    if (i === undefined) {
      i = values.length
      values.push(value)
      index.set(value, i)
    }
    return slot(i)
  }
  const link = (value: string) => {
    if (UNSAFE_LINK.test(value)) ok = false
    return hole(value)
  }
  const items: ReminderItem[] = data.items.map((item) => {
    if (!safeLabel(item.card.label, data.locale)) ok = false
    return {
      ...item,
      card: { ...item.card, label: hole(item.card.label) },
      links: { renewed: link(item.links.renewed), calendar: link(item.links.calendar) },
    }
  })
  const links: ReminderEmailData['links'] = {
    manage: link(data.links.manage),
    unsubscribe: link(data.links.unsubscribe),
  }
  if (data.links.stopBalance !== undefined) links.stopBalance = link(data.links.stopBalance)
  if (!ok) return renderReminder(data)
  const shape: ReminderEmailData = { ...data, items, links }
  const key = JSON.stringify(shape)
  let rendered = cache.get(key)
  if (!rendered) {
    rendered = renderReminder(shape)
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(key, rendered)
  }
  const fill = (text: string) => fillSlots(text, values)
  const subject = fill(rendered.subject)
  // A subject cleanSubject would have cut: the cut depends on the real length, so render it directly.
  if (Array.from(subject).length > MAX_SUBJECT || Array.from(rendered.subject).length >= MAX_SUBJECT) {
    return renderReminder(data)
  }
  return { subject, html: fill(rendered.html), text: fill(rendered.text) }
}

/** Shapes rendered and kept so far (for tests: two recipients of one shape are rendered once). */
export function reminderCacheSize(): number {
  return cache.size
}

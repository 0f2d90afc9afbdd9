// Names a card in an email from user input, safely: labels are typed by anyone on the form.
import type { Carrier } from '../domain/types'
import type { EmailMessages } from '../i18n/emails'

// Control characters (CR/LF above all: a subject is a mail header), line and paragraph
// separators, and bidi overrides that could make a label read as something else.
const UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu

/** A single-line, trimmed, length-bounded version of user text. */
function cleanText(value: string, max = 60): string {
  const flat = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim()
  const chars = Array.from(flat)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat
}

/** The card's label, else its carrier's name, else a generic "your SIM card". */
export function cardName(copy: EmailMessages, card: { label: string; carrier: Carrier | null }): string {
  const label = cleanText(card.label)
  if (label) return label
  if (card.carrier && card.carrier !== 'other') return copy.carriers[card.carrier]
  return copy.unnamedCard
}

/** The carrier line shown under a label, or null when it would add nothing. */
export function carrierName(copy: EmailMessages, card: { label: string; carrier: Carrier | null }): string | null {
  if (!card.carrier || card.carrier === 'other') return null
  const name = copy.carriers[card.carrier]
  return cleanText(card.label) && cleanText(card.label) !== name ? name : null
}

/** Subjects are headers: one line, no control characters, whatever the copy produced. */
export function cleanSubject(subject: string): string {
  return cleanText(subject, 200)
}

/** A run this long without a space could not wrap on a phone (a label of 60 "A"s made an email 882 px wide). */
const LONG_RUN = /[^\s\u200b]{16}/gu

/** Whether `wrappable` would change the text. */
export const hasLongRun = (text: string): boolean => new RegExp(LONG_RUN.source, 'u').test(text)

/**
 * For the html only: a zero-width space after every 16 characters of a run with no space in it, so a
 * long label wraps inside a 390 px screen. Email CSS for breaking words (word-break, overflow-wrap) is
 * not honoured everywhere; a break opportunity in the text is. Short words and CJK are unchanged.
 */
export function wrappable(name: string): string {
  return name.replace(LONG_RUN, (run) => `${run}\u200b`).replace(/\u200b$/u, '')
}

// The confirmation email from a template rendered once per language, carrier and sender in each
// isolate: between two sign-ups only the two links and the expiry date change.
import { emailCopy } from '../i18n/emails'
import { formatDate } from '../i18n/format'
import { escapeHtml, fillSlots, slot } from '../lib/slots'
import { cardName, carrierName } from './card-name'
import { renderConfirmationEmail, renderConfirmationLines } from './confirmation'
import type { ConfirmationEmailData, RenderedEmail } from './data'

const CONFIRM_URL = 0
const UNSUBSCRIBE_URL = 1
const EXPIRY_DATE = 2

/** Bounded: the key holds only the language, a carrier, the link lifetime and the deployment's sender. */
const templates = new Map<string, RenderedEmail>()
const TEMPLATES_MAX = 100

/**
 * The same email as renderConfirmationEmail, byte for byte (test/unit/email-confirmation.test.ts
 * compares them): the values are filled in escaped as hono/jsx escapes them in the html part, and
 * as they are in the text part. A request for several cards is rendered in full.
 */
export function renderConfirmationFromTemplate(data: ConfirmationEmailData): RenderedEmail {
  const card = data.cards[0]
  if (data.cards.length !== 1 || !card) return renderConfirmationEmail(data)
  const key = JSON.stringify([data.locale, card.carrier, data.validDays, data.sender.operator, data.sender.privacyUrl])
  let template = templates.get(key)
  if (!template) {
    const copy = emailCopy(data.locale)
    const named = { label: '', carrier: card.carrier }
    template = renderConfirmationLines(
      { ...data, confirmUrl: slot(CONFIRM_URL), unsubscribeUrl: slot(UNSUBSCRIBE_URL) },
      [{ name: cardName(copy, named), carrier: carrierName(copy, named), until: copy.validUntil(slot(EXPIRY_DATE)) }],
    )
    if (templates.size >= TEMPLATES_MAX) templates.clear()
    templates.set(key, template)
  }
  const values = [data.confirmUrl, data.unsubscribeUrl, formatDate(card.expiresOn, data.locale)]
  return {
    subject: template.subject,
    html: fillSlots(template.html, values.map(escapeHtml)),
    text: fillSlots(template.text, values),
  }
}

// Sends a page for the current request: its language, its nonce, and an HTTP status.
import type { HtmlEscapedString } from 'hono/utils/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Locale } from '../domain/types'
import type { Ctx } from '../env'
import { emailCopy } from '../i18n/emails'
import { type PageMessages, pageMessages } from '../i18n/pages'
import { escapeHtml, fillSlots, slot } from '../lib/slots'
import type { RequestMail } from '../mail/transactional'
import { CONFIRMATIONS_PER_HOUR } from '../security/rate-limit'
import { MessagePage } from '../views/message-page'
import { TypedAddressPage } from '../views/typed-address-page'

export function messages(c: Ctx): PageMessages {
  return pageMessages(c.get('locale') ?? 'zh-Hant')
}

/** Sends a page; never cached, since many pages carry personal data behind a link. */
export function sendPage(
  c: Ctx,
  page: string | HtmlEscapedString | Promise<HtmlEscapedString>,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  c.header('Cache-Control', 'no-store')
  return c.html(page, status)
}

/**
 * Sends a page already encoded (a page the same for everyone, kept per isolate), under sendPage's
 * headers. One buffer serves every response: a Response copies a buffer body when it is made (Fetch
 * standard; checked in workerd), so nothing a response does can reach the next one.
 */
export function sendBytes(c: Ctx, page: ArrayBuffer): Response {
  c.header('Cache-Control', 'no-store')
  c.header('Content-Type', 'text/html; charset=UTF-8')
  return c.body(page)
}

/** A title and a few sentences, e.g. an error page. */
export function sendMessage(
  c: Ctx,
  status: ContentfulStatusCode,
  title: keyof PageMessages,
  lines: Array<keyof PageMessages>,
  options: { homeLink?: boolean } = {},
): Response | Promise<Response> {
  const t = messages(c)
  return sendPage(
    c,
    <MessagePage
      t={t}
      locale={c.get('locale') ?? 'zh-Hant'}
      title={t[title]}
      lines={lines.map((k) => t[k])}
      homeLink={options.homeLink ?? true}
    />,
    status,
  )
}

/** On pages behind an emailed link, the subscriber's own language wins unless they just picked one. */
export function preferLocale(c: Ctx, stored: Locale | null | undefined): void {
  if (stored && !c.get('localeChosen')) c.set('locale', stored)
}

/** A link that is broken, meant for another page, or points at data that is gone: 404; expired: 410. */
export function sendBadLink(c: Ctx, expired: boolean, purpose?: 'confirm') {
  if (expired && purpose === 'confirm') return sendMessage(c, 410, 'confirmExpiredTitle', ['confirmExpiredBody'])
  return sendMessage(c, expired ? 410 : 404, 'linkInvalidTitle', ['linkInvalidBody'])
}

/**
 * A genuine, unexpired manage link whose address is no longer stored (deleted, or purged unconfirmed):
 * 410 with what happened, rather than "incomplete or too old", which sent people hunting for a newer
 * link. Only the link's holder, who received our email, learns that nothing is kept.
 */
export function sendGoneLink(c: Ctx) {
  return sendMessage(c, 410, 'linkGoneTitle', ['linkGoneBody'])
}

/**
 * "Check your inbox" pages, rendered once per language, sentence and note in each isolate with a slot
 * for the typed address, which is filled in escaped as hono/jsx escapes it (every sign-up answers one).
 * Bounded: the key holds only languages, a message key and the deployment's sender.
 */
const typedAddressPages = new Map<string, string>()
const TYPED_ADDRESS_PAGES_MAX = 100

/** "Check your inbox", echoing the address as typed. */
export function sendTypedAddressPage(
  c: Ctx,
  body: keyof PageMessages,
  typed: string,
  /** after a sign-up: the confirmation email's language, for its subject, and the "send it again" form */
  confirmation?: { emailLocale: Locale },
) {
  const locale = c.get('locale')
  const note = confirmation && {
    from: c.get('config').mailFrom,
    subject: emailCopy(confirmation.emailLocale).confirm.subject,
    emailLocale: confirmation.emailLocale,
    perHour: CONFIRMATIONS_PER_HOUR,
  }
  const key = JSON.stringify([locale, body, note?.from, note?.emailLocale])
  let template = typedAddressPages.get(key)
  if (template === undefined) {
    template = String(
      <TypedAddressPage t={messages(c)} locale={locale} body={body} typed={slot(0)} confirmation={note} />,
    )
    if (typedAddressPages.size >= TYPED_ADDRESS_PAGES_MAX) typedAddressPages.clear()
    typedAddressPages.set(key, template)
  }
  return sendPage(c, fillSlots(template, [escapeHtml(typed)]))
}

/** The mailer's view of this request. */
export function requestMail(c: Ctx): RequestMail {
  return { env: c.env, config: c.get('config'), waitUntil: (work) => c.executionCtx.waitUntil(work) }
}

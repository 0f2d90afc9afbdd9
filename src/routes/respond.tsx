// Sends a page for the current request: its language, its nonce, and an HTTP status.
import type { HtmlEscapedString } from 'hono/utils/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Locale } from '../domain/types'
import type { Ctx } from '../env'
import { emailCopy } from '../i18n/emails'
import { type PageMessages, pageMessages } from '../i18n/pages'
import type { RequestMail } from '../mail/transactional'
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

/** "Check your inbox", echoing the address as typed. */
export function sendTypedAddressPage(
  c: Ctx,
  body: keyof PageMessages,
  typed: string,
  /** after a sign-up: the confirmation email's language, for its subject, and the "send it again" form */
  confirmation?: { emailLocale: Locale },
) {
  const note = confirmation && {
    from: c.get('config').mailFrom,
    subject: emailCopy(confirmation.emailLocale).confirm.subject,
    emailLocale: confirmation.emailLocale,
  }
  return sendPage(
    c,
    <TypedAddressPage t={messages(c)} locale={c.get('locale')} body={body} typed={typed} confirmation={note} />,
  )
}

/** The mailer's view of this request. */
export function requestMail(c: Ctx): RequestMail {
  return { env: c.env, config: c.get('config'), waitUntil: (work) => c.executionCtx.waitUntil(work) }
}

// Renders a page for the current request: its language, its nonce, and an HTTP status.
import type { Context } from 'hono'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../app'
import type { Locale } from '../domain/types'
import { type PageMessages, pageMessages } from '../i18n/pages'
import { MessagePage } from './message-page'

export type Ctx = Context<AppEnv>

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

/** How a card is called on pages: its label, or a plain "SIM card". */
export function cardTitle(t: PageMessages, label: string): string {
  return label || t.untitledCard
}

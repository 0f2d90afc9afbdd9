// A simple page: a title, a few sentences, and optionally a link back to the form.
import type { Child } from 'hono/jsx'
import type { Locale } from '../domain/types'
import type { PageMessages } from '../i18n/pages'
import { Layout } from './layout'

interface MessagePageProps {
  t: PageMessages
  locale: Locale
  title: string
  lines: string[]
  switchPath?: string
  homeLink?: boolean
  children?: Child
}

export function MessagePage({
  t,
  locale,
  title,
  lines,
  switchPath = '/',
  homeLink = true,
  children,
}: MessagePageProps) {
  return (
    <Layout t={t} locale={locale} title={title} switchPath={switchPath}>
      <h1>{title}</h1>
      {lines.map((line) => (
        <p>{line}</p>
      ))}
      {children}
      {homeLink ? (
        <p>
          <a href={`/?lang=${locale}`}>{t.backHome}</a>
        </p>
      ) : null}
    </Layout>
  )
}

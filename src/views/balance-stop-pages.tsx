// "Stop balance checks only" (/unsubscribe/{token}?only=balance): the GET page with its button, and the result.
import type { Locale } from '../domain/types'
import { fill, type PageMessages } from '../i18n/pages'
import { Layout } from './layout'

interface Props {
  t: PageMessages
  locale: Locale
  /** /unsubscribe/{token}?only=balance: the language links and the form both keep the query */
  path: string
}

export function StopBalancePage({ t, locale, path, email }: Props & { email: string }) {
  return (
    <Layout t={t} locale={locale} title={t.stopBalanceTitle} switchPath={path}>
      <h1>{t.stopBalanceTitle}</h1>
      <p>{fill(t.stopBalanceBody, { email })}</p>
      <form method="post" action={path}>
        <div class="actions">
          <button type="submit">{t.stopBalanceButton}</button>
        </div>
      </form>
    </Layout>
  )
}

export function BalanceStoppedPage({ t, locale, path }: Props) {
  return (
    <Layout t={t} locale={locale} title={t.stopBalanceDoneTitle} switchPath={path}>
      <h1>{t.stopBalanceDoneTitle}</h1>
      <p>{t.stopBalanceDoneBody}</p>
      <p>{t.stopBalanceAgain}</p>
    </Layout>
  )
}

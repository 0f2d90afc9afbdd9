// GET /privacy: what is stored, for how long (the numbers the code uses), who runs it, how to delete it all.
import type { Locale } from '../domain/types'
import { fill, type PageMessages } from '../i18n/pages'
import type { PrivacyMessages } from '../i18n/privacy'
import { Layout } from './layout'

export interface PrivacyPageProps {
  t: PageMessages
  p: PrivacyMessages
  locale: Locale
  operator: { name: string; email: string | null } | null
  /** how long an unconfirmed sign-up is kept, and sent emails and webhook ids (src/cron/run.ts) */
  pendingDays: number
  doneDays: number
}

export function PrivacyPage({ t, p, locale, operator, pendingDays, doneDays }: PrivacyPageProps) {
  const days = { pendingDays, doneDays }
  const items: Array<[string, string]> = [
    [p.address, p.addressKept],
    [p.cards, p.cardsKept],
    [p.reminders, p.remindersKept],
    [p.emails, p.emailsKept],
    [p.bounces, p.bouncesKept],
    [p.limits, p.limitsKept],
    [p.cookie, p.cookieKept],
  ]
  return (
    <Layout t={t} locale={locale} title={p.title} switchPath="/privacy">
      <h1>{p.title}</h1>
      <p class="lead">{p.intro}</p>
      <h2>{p.whoHeading}</h2>
      {operator ? (
        <>
          <p>{fill(p.whoBody, { name: operator.name })}</p>
          {operator.email ? (
            <p>
              {p.whoContact.split('{email}')[0]}
              <a href={`mailto:${operator.email}`}>{operator.email}</a>
            </p>
          ) : null}
        </>
      ) : (
        <p>{p.whoUnset}</p>
      )}
      <h2>{p.storedHeading}</h2>
      <ul class="kept">
        {items.map(([what, kept]) => (
          <li>
            {fill(what, days)}
            <br />
            <span class="meta">
              {p.keptFor}
              {fill(kept, days)}
            </span>
          </li>
        ))}
      </ul>
      <h2>{p.neverHeading}</h2>
      <p>{p.never}</p>
      <h2>{p.othersHeading}</h2>
      <p>{p.others}</p>
      <h2>{p.deleteHeading}</h2>
      <p>{p.deleteBody}</p>
      <p>
        {p.deleteLost}
        {t.sentenceGap}
        {operator?.email ? (
          <>
            {p.deleteWrite.split('{email}')[0]}
            <a href={`mailto:${operator.email}`}>{operator.email}</a>
            {p.deleteWrite.split('{email}')[1]}
          </>
        ) : null}
      </p>
    </Layout>
  )
}

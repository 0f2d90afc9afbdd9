// Pages behind emailed links: confirm, renewed and unsubscribe (each a GET with a button, and its result).
import type { Locale } from '../domain/types'
import type { ErrorKey } from '../domain/validate'
import { fill, type PageMessages } from '../i18n/pages'
import { errorText, InputField } from './fields'
import { fillNodes, NoWrap } from './fill-nodes'
import { Layout } from './layout'

interface Base {
  t: PageMessages
  locale: Locale
  /** the GET path of this page, for the language links */
  path: string
}

export function ConfirmPage({ t, locale, path, card, date }: Base & { card: string; date: string }) {
  return (
    <Layout t={t} locale={locale} title={t.confirmTitle} switchPath={path}>
      <h1>{t.confirmTitle}</h1>
      <p>{fillNodes(t.confirmBody, { card, date: <NoWrap>{date}</NoWrap> })}</p>
      <form method="post" action={path}>
        <div class="actions">
          <button type="submit" class="big">
            {t.confirmButton}
          </button>
        </div>
      </form>
    </Layout>
  )
}

interface ConfirmedProps extends Base {
  email: string
  card: string
  date: string
  /** formatted date of the next reminder, or null when none is left before expiry */
  next: string | null
  leadDays: string
  monthly: boolean
  /** /manage/{token}: the person can add cards or change settings straight away */
  manageHref: string
}

export function ConfirmedPage({
  t,
  locale,
  path,
  email,
  card,
  date,
  next,
  leadDays,
  monthly,
  manageHref,
}: ConfirmedProps) {
  return (
    <Layout t={t} locale={locale} title={t.confirmedTitle} switchPath={path}>
      <h1>{t.confirmedTitle}</h1>
      <p>{fillNodes(t.confirmedBody, { email, card, date: <NoWrap>{date}</NoWrap> })}</p>
      <p>
        <strong>{next ? fillNodes(t.confirmedNext, { date: <NoWrap>{next}</NoWrap> }) : t.confirmedNoNext}</strong>
      </p>
      <ul>
        {leadDays ? <li>{fill(t.confirmedLead, { days: leadDays })}</li> : null}
        {monthly ? <li>{t.confirmedBalance}</li> : null}
      </ul>
      <p>{t.confirmedFooter}</p>
      <p>
        <a href={manageHref}>{t.manageLink}</a>
      </p>
    </Layout>
  )
}

interface RenewedProps extends Base {
  card: string
  oldDate: string
  cycleDays: number | null
  value: string
  error: ErrorKey | null
}

export function RenewedPage({ t, locale, path, card, oldDate, cycleDays, value, error }: RenewedProps) {
  return (
    <Layout t={t} locale={locale} title={t.renewedTitle} switchPath={path}>
      <h1>{t.renewedTitle}</h1>
      {error ? (
        <div class="summary" role="alert">
          <p>{t.formHasErrors}</p>
        </div>
      ) : null}
      <p>{cycleDays ? fill(t.renewedIntro, { card, days: cycleDays }) : fill(t.renewedNoCycle, { card })}</p>
      <p class="meta">{fillNodes(t.renewedOld, { date: <NoWrap>{oldDate}</NoWrap> })}</p>
      {/* The server checks the date and answers in the page's language. */}
      <form method="post" action={path} novalidate>
        <InputField
          id="r-expires_on"
          name="expires_on"
          type="date"
          label={t.newExpiryLabel}
          error={error ? errorText(t, error) : undefined}
          value={value}
          required
        />
        <div class="actions">
          <button type="submit">{t.renewedButton}</button>
        </div>
      </form>
      <p class="hint">{t.renewedTip}</p>
    </Layout>
  )
}

export function RenewedDonePage({
  t,
  locale,
  path,
  card,
  date,
  next,
  manageHref,
}: Base & { card: string; date: string; next: string | null; manageHref: string }) {
  return (
    <Layout t={t} locale={locale} title={t.renewedDoneTitle} switchPath={path}>
      <h1>{t.renewedDoneTitle}</h1>
      <p>{fillNodes(t.renewedDoneBody, { card, date: <NoWrap>{date}</NoWrap> })}</p>
      {next ? <p>{fillNodes(t.renewedDoneNext, { date: <NoWrap>{next}</NoWrap> })}</p> : null}
      <p class="hint">{t.renewedTip}</p>
      <p>
        <a href={manageHref}>{t.renewedDoneManage}</a>
      </p>
    </Layout>
  )
}

/** A renewed link for an expiry the card has already moved past: nothing to do but check the date. */
export function RenewedStalePage({
  t,
  locale,
  path,
  card,
  date,
  manageHref,
}: Base & { card: string; date: string; manageHref: string }) {
  return (
    <Layout t={t} locale={locale} title={t.renewedStaleTitle} switchPath={path}>
      <h1>{t.renewedStaleTitle}</h1>
      <p>{fillNodes(t.renewedStaleBody, { card, date: <NoWrap>{date}</NoWrap> })}</p>
      <p>
        <a href={manageHref}>{t.renewedStaleManage}</a>
      </p>
    </Layout>
  )
}

export function UnsubscribePage({ t, locale, path, email }: Base & { email: string }) {
  return (
    <Layout t={t} locale={locale} title={t.unsubTitle} switchPath={path}>
      <h1>{t.unsubTitle}</h1>
      <p>{fill(t.unsubBody, { email })}</p>
      <form method="post" action={path}>
        <div class="actions">
          <button type="submit" class="danger">
            {t.unsubButton}
          </button>
        </div>
      </form>
    </Layout>
  )
}

/** A card that still expires after the last email: its name, date (formatted) and calendar path. */
export interface StillExpiring {
  card: string
  date: string
  calendarHref: string
}

/** Each card still runs out on its date without reminders: say so, with a calendar link for it. */
export function StillExpiringList({ t, cards }: { t: PageMessages; cards: StillExpiring[] }) {
  if (cards.length === 0) return null
  return (
    <ul class="cards">
      {cards.map((c) => (
        <li>
          <p>{fillNodes(t.unsubCardStill, { card: c.card, date: <NoWrap>{c.date}</NoWrap> })}</p>
          <p class="meta">
            <a href={c.calendarHref}>{t.unsubCalendar}</a>
          </p>
        </li>
      ))}
    </ul>
  )
}

/** `manageHref` is null when the address no longer exists: then only a new sign-up brings mail back. */
export function UnsubscribedPage({
  t,
  locale,
  path,
  manageHref,
  cards = [],
}: Base & { manageHref: string | null; cards?: StillExpiring[] }) {
  return (
    <Layout t={t} locale={locale} title={t.unsubDoneTitle} switchPath={path}>
      <h1>{t.unsubDoneTitle}</h1>
      <p>{t.unsubDoneBody}</p>
      <StillExpiringList t={t} cards={cards} />
      {manageHref ? (
        <p>
          {t.unsubKept}
          {t.sentenceGap}
          <a href={manageHref}>{t.unsubKeptLink}</a>
        </p>
      ) : (
        <p>
          {t.unsubAgain} <a href={`/?lang=${locale}`}>{t.unsubAgainLink}</a>
        </p>
      )}
    </Layout>
  )
}

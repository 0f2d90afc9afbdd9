// Pages behind emailed links: confirm, renewed and unsubscribe (each a GET with a button, and its result).
import type { ProposalReason } from '../domain/renewal'
import type { Locale } from '../domain/types'
import type { ErrorKey } from '../domain/validate'
import { INTL_LOCALE } from '../i18n/format'
import { fill, type PageMessages } from '../i18n/pages'
import { DateField } from './date-field'
import { errorText } from './fields'
import { fillNodes, NoWrap } from './fill-nodes'
import { Layout } from './layout'
import { LostLinkForm } from './lost-link'

interface Base {
  t: PageMessages
  locale: Locale
  /** the GET path of this page, for the language links */
  path: string
}

interface ConfirmProps extends Base {
  card: string
  date: string
  /** an active card of the address with the same name and carrier: confirming adds a second one */
  namesake: { card: string; date: string } | null
}

export function ConfirmPage({ t, locale, path, card, date, namesake }: ConfirmProps) {
  return (
    <Layout t={t} locale={locale} title={t.confirmTitle} switchPath={path}>
      <h1>{t.confirmTitle}</h1>
      <p>{fillNodes(t.confirmBody, { card, date: <NoWrap>{date}</NoWrap> })}</p>
      {namesake ? (
        <p class="notice">
          {fillNodes(t.confirmSecond, { card: namesake.card, date: <NoWrap>{namesake.date}</NoWrap> })}
        </p>
      ) : null}
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
  /** the last safe day for slow top-ups comes before the first reminder (domain/first-deadline) */
  slow: { channels: string; date: string; passed: boolean } | null
  /** the address keeps its own language and hour, which the form had set otherwise: say so */
  kept: { language: string; time: string; zone: string } | null
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
  slow,
  kept,
}: ConfirmedProps) {
  return (
    <Layout t={t} locale={locale} title={t.confirmedTitle} switchPath={path}>
      <h1>{t.confirmedTitle}</h1>
      <p>{fillNodes(t.confirmedBody, { email, card, date: <NoWrap>{date}</NoWrap> })}</p>
      <p>
        <strong>{next ? fillNodes(t.confirmedNext, { date: <NoWrap>{next}</NoWrap> }) : t.confirmedNoNext}</strong>
      </p>
      {slow?.channels ? (
        <p>
          {slow.passed
            ? fill(t.confirmedSlowPast, { channels: slow.channels })
            : fillNodes(t.confirmedSlowBy, { channels: slow.channels, date: <NoWrap>{slow.date}</NoWrap> })}
        </p>
      ) : null}
      <ul>
        {leadDays ? <li>{fill(t.confirmedLead, { days: leadDays })}</li> : null}
        {monthly ? <li>{t.confirmedBalance}</li> : null}
      </ul>
      {kept ? <p>{fill(t.confirmedKept, kept)}</p> : null}
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
  /** why the proposed date is what it is (domain/renewal) */
  reason: ProposalReason
  value: string
  error: ErrorKey | null
}

function renewedIntro(t: PageMessages, card: string, cycleDays: number | null, reason: ProposalReason): string {
  if (!cycleDays || reason === 'noCycle') return fill(t.renewedNoCycle, { card })
  return fill(reason === 'autoRenewed' ? t.renewedAutoIntro : t.renewedIntro, { card, days: cycleDays })
}

export function RenewedPage({ t, locale, path, card, oldDate, cycleDays, reason, value, error }: RenewedProps) {
  return (
    <Layout t={t} locale={locale} title={t.renewedTitle} switchPath={path}>
      <h1>{t.renewedTitle}</h1>
      {error ? (
        <div class="summary" role="alert">
          <p>{t.formHasErrors}</p>
        </div>
      ) : null}
      <p>{renewedIntro(t, card, cycleDays, reason)}</p>
      {/* A plan that renews itself proposes its stored date as it is: that date is not "old". */}
      <p class="meta">
        {fillNodes(reason === 'autoRenewed' ? t.renewedCurrent : t.renewedOld, { date: <NoWrap>{oldDate}</NoWrap> })}
      </p>
      {/* The server checks the date and answers in the page's language. */}
      <form method="post" action={path} novalidate>
        <DateField
          id="r-expires_on"
          name="expires_on"
          label={t.newExpiryLabel}
          error={error ? errorText(t, error) : undefined}
          value={value}
          intl={INTL_LOCALE[locale]}
          required
        />
        <div class="actions">
          <button type="submit">{t.renewedButton}</button>
        </div>
      </form>
      {/* A plan that renews itself had no top-up: what to do if it lapsed instead. */}
      <p class="hint">{reason === 'autoRenewed' ? t.renewedAutoTip : t.renewedTip}</p>
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
  same,
}: Base & { card: string; date: string; next: string | null; same: boolean }) {
  // `same`: the date saved is the one we had (a plan that renewed itself, confirmed): nothing moved.
  const title = same ? t.renewedSameTitle : t.renewedDoneTitle
  return (
    <Layout t={t} locale={locale} title={title} switchPath={path}>
      <h1>{title}</h1>
      <p>{fillNodes(same ? t.renewedSameBody : t.renewedDoneBody, { card, date: <NoWrap>{date}</NoWrap> })}</p>
      {next ? <p>{fillNodes(t.renewedDoneNext, { date: <NoWrap>{next}</NoWrap> })}</p> : null}
      {same ? null : <p class="hint">{t.renewedTip}</p>}
      <LostLinkForm t={t} locale={locale} intro={t.renewedDoneManage} />
    </Layout>
  )
}

/** A renewed link for an expiry the card has already moved past: nothing to do but check the date. */
export function RenewedStalePage({ t, locale, path, card, date }: Base & { card: string; date: string }) {
  return (
    <Layout t={t} locale={locale} title={t.renewedStaleTitle} switchPath={path}>
      <h1>{t.renewedStaleTitle}</h1>
      <p>{fillNodes(t.renewedStaleBody, { card, date: <NoWrap>{date}</NoWrap> })}</p>
      <LostLinkForm t={t} locale={locale} intro={t.renewedStaleManage} />
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

/** A card that still expires after the last email: its name and date (formatted). */
export interface StillExpiring {
  card: string
  date: string
  /** the plan renews itself from the balance: say what to keep on the card, not "top it up" */
  autoRenew: boolean
  /** the renewal fee as shown (HK$48), or null */
  fee: string | null
}

function stillExpiringText(t: PageMessages, c: StillExpiring): string {
  if (!c.autoRenew) return t.unsubCardStill
  return c.fee ? t.unsubCardStillAutoFee : t.unsubCardStillAuto
}

/**
 * Each card still runs out on its date without reminders: say so, then one link to the address's
 * calendar feed, which holds every card's date (one link per card would open the same feed).
 */
export function StillExpiringList({
  t,
  cards,
  calendarHref,
}: {
  t: PageMessages
  cards: StillExpiring[]
  calendarHref: string | null
}) {
  if (cards.length === 0) return null
  return (
    <>
      <ul class="cards">
        {cards.map((c) => (
          <li>
            <p>
              {fillNodes(stillExpiringText(t, c), {
                card: c.card,
                date: <NoWrap>{c.date}</NoWrap>,
                fee: <NoWrap>{c.fee ?? ''}</NoWrap>,
              })}
            </p>
          </li>
        ))}
      </ul>
      {calendarHref ? (
        <p>
          <a href={calendarHref}>{cards.length > 1 ? t.unsubCalendarAll : t.unsubCalendar}</a>
        </p>
      ) : null}
    </>
  )
}

/**
 * The answer to the page's button and to RFC 8058 one-click alike. `kept` is false when the address no
 * longer exists: then only a new sign-up brings mail back. No manage link: whoever holds an unsubscribe
 * link (a forwarded email) must not reach the cards; the owner asks for one by email.
 */
export function UnsubscribedPage({
  t,
  locale,
  path,
  kept,
  cards = [],
  calendarHref = null,
}: Base & { kept: boolean; cards?: StillExpiring[]; calendarHref?: string | null }) {
  return (
    <Layout t={t} locale={locale} title={t.unsubDoneTitle} switchPath={path}>
      <h1>{t.unsubDoneTitle}</h1>
      <p>{t.unsubDoneBody}</p>
      <StillExpiringList t={t} cards={cards} calendarHref={calendarHref} />
      {kept ? (
        <LostLinkForm t={t} locale={locale} intro={t.unsubKept} />
      ) : (
        <p>
          {t.unsubAgain} <a href={`/?lang=${locale}`}>{t.unsubAgainLink}</a>
        </p>
      )}
    </Layout>
  )
}

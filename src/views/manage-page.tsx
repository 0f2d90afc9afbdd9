// The manage page: the address's cards with edit/remove forms, add a card, language and timezone, delete all.
import type { Child } from 'hono/jsx'
import { MAX_CARDS_PER_ADDRESS } from '../domain/card-limit'
import type { RawForm } from '../domain/raw-form'
import type { Locale, SubscriberStatus } from '../domain/types'
import type { FieldErrors } from '../domain/validate'
import { INTL_LOCALE } from '../i18n/format'
import { fill, type PageMessages } from '../i18n/pages'
import { CardFields, PreferenceFields } from './card-fields'
import { fillNodes, NoWrap } from './fill-nodes'
import { Layout } from './layout'

interface ManageCardView {
  id: string
  title: string
  expires: string
  carrier: string | null
  pending: boolean
  autoRenew: boolean
  /** the renewal fee as shown (HK$98), or null when none was given */
  fee: string | null
  /** days each top-up or renewal lasts, or null for "I don't know" */
  cycleDays: number | null
  /** the day the next email about this card goes out (formatted), or null when none is planned */
  next: { date: string; balance: boolean } | null
  /** e.g. "Reminders: 14 days before and 1 day before." */
  reminders: string
  raw: RawForm
  errors: FieldErrors
}

interface ManagePageProps {
  t: PageMessages
  locale: Locale
  /** /manage/{token} */
  base: string
  email: string
  status: SubscriberStatus
  suppressedReason: string | null
  /** /unsubscribe/{token} while emails are on, else null */
  unsubscribeHref: string | null
  /** the address's calendar feed (https) and its webcal:// form, while it has an active card */
  calendar: { download: string; subscribe: string } | null
  flash: string | null
  /** the form that failed, so the page says nothing was saved */
  failed: boolean
  cards: ManageCardView[]
  /** `full`: the address holds the most cards it may, so the form gives way to a message */
  add: { raw: RawForm; errors: FieldErrors; open: boolean; full: boolean }
  prefs: { raw: RawForm; errors: FieldErrors }
}

const REASONS = ['bounced', 'complained', 'suppressed'] as const

type Reason = (typeof REASONS)[number]

const asReason = (reason: string | null): Reason =>
  (REASONS as readonly string[]).includes(reason ?? '') ? (reason as Reason) : 'suppressed'

/** Why mail stopped, what the person can do about it, and (unless the provider blocks the address) a way back. */
function SuppressionNotice({ t, base, reason }: { t: PageMessages; base: string; reason: string }) {
  const r = asReason(reason)
  return (
    <div class="notice">
      <p>{t[`suppressed_${r}`]}</p>
      <p>{t[`suppressedHelp_${r}`]}</p>
      {r === 'suppressed' ? null : (
        <form method="post" action={`${base}/resume`}>
          <button type="submit" class="secondary">
            {t.resumeButton}
          </button>
        </form>
      )}
    </div>
  )
}

export function ManagePage(p: ManagePageProps) {
  const { t, locale, base } = p
  return (
    <Layout t={t} locale={locale} title={t.manageTitle} switchPath={base}>
      <h1>{t.manageTitle}</h1>
      <p class="lead">{fill(t.manageFor, { email: p.email })}</p>
      {p.flash ? (
        <p class="flash" role="status">
          {p.flash}
        </p>
      ) : null}
      {p.failed ? (
        <div class="summary" role="alert">
          <p>{t.formHasErrors}</p>
        </div>
      ) : null}
      {p.suppressedReason !== null ? <SuppressionNotice t={t} base={base} reason={p.suppressedReason} /> : null}
      {p.status === 'pending' ? <p class="notice">{t.statusPending}</p> : null}
      {p.status === 'unsubscribed' ? (
        <div class="notice">
          <p>{t.statusUnsubscribed}</p>
          {p.suppressedReason === null ? (
            <form method="post" action={`${base}/resubscribe`}>
              <button type="submit" class="secondary">
                {t.resubscribeButton}
              </button>
            </form>
          ) : null}
        </div>
      ) : null}

      <h2>{t.cardsHeading}</h2>
      {p.cards.length === 0 ? <p>{t.noCards}</p> : null}
      <ul class="cards">
        {p.cards.map((card) => {
          const open = Object.keys(card.errors).length > 0
          return (
            <li id={`card-${card.id}`}>
              <h3>
                {card.title}
                {card.pending ? <span class="badge">{t.cardPending}</span> : null}
              </h3>
              <p class="meta">
                {fillNodes(t.cardExpires, { date: <NoWrap>{card.expires}</NoWrap> })}
                {card.carrier ? ` · ${card.carrier}` : ''}
                {card.cycleDays ? ` · ${fill(t.cardCycle, { n: card.cycleDays })}` : ''}
                {card.autoRenew ? ` · ${card.fee ? fill(t.cardAutoRenewFee, { fee: card.fee }) : t.cardAutoRenew}` : ''}
              </p>
              {card.next ? (
                <p class="next">
                  {fillNodes(card.next.balance ? t.cardNextBalance : t.cardNext, {
                    date: <NoWrap>{card.next.date}</NoWrap>,
                  })}
                </p>
              ) : null}
              <p class="meta">{card.reminders}</p>
              <details open={open}>
                <summary>{t.editCard}</summary>
                <form method="post" action={`${base}/cards/${card.id}`} novalidate>
                  <CardFields
                    t={t}
                    raw={card.raw}
                    errors={card.errors}
                    prefix={`c-${card.id}`}
                    intl={INTL_LOCALE[locale]}
                  />
                  <div class="actions">
                    <button type="submit">{t.saveCard}</button>
                  </div>
                </form>
                {/* Two steps, as for deleting everything: a page that changes nothing, then its button. */}
                <p class="actions">
                  <a class="button danger-quiet" href={`${base}/cards/${card.id}/remove`}>
                    {t.removeCard}
                  </a>
                </p>
              </details>
            </li>
          )
        })}
      </ul>

      <details open={p.add.open}>
        <summary>{t.addCardHeading}</summary>
        {p.add.full ? (
          <p class="summary" role="alert">
            {fill(t.cardLimit, { max: MAX_CARDS_PER_ADDRESS })}
          </p>
        ) : (
          <form method="post" action={`${base}/cards`} novalidate>
            <CardFields t={t} raw={p.add.raw} errors={p.add.errors} prefix="add" intl={INTL_LOCALE[locale]} />
            <div class="actions">
              <button type="submit">{t.addCardButton}</button>
            </div>
          </form>
        )}
      </details>

      {p.calendar ? (
        <section id="calendar">
          <h2>{t.calendarHeading}</h2>
          <p>{t.calendarIntro}</p>
          <p class="actions">
            <a class="button" href={p.calendar.subscribe}>
              {t.calendarSubscribe}
            </a>
            <a class="button secondary" href={p.calendar.download} download="simkeep.ics">
              {t.calendarDownload}
            </a>
          </p>
          <p class="meta">{t.calendarPrivate}</p>
        </section>
      ) : null}

      <h2>{t.settingsHeading}</h2>
      <form method="post" action={`${base}/settings`}>
        <PreferenceFields t={t} raw={p.prefs.raw} errors={p.prefs.errors} prefix="s" />
        <div class="actions">
          <button type="submit">{t.saveSettings}</button>
        </div>
      </form>

      {p.unsubscribeHref ? (
        <>
          <h2>{t.stopHeading}</h2>
          <p>{t.stopIntro}</p>
          <p>
            <a class="button secondary" href={p.unsubscribeHref}>
              {t.stopLink}
            </a>
          </p>
        </>
      ) : null}

      <h2>{t.deleteHeading}</h2>
      <p>{t.deleteIntro}</p>
      <p>
        <a class="button danger-quiet" href={`${base}/delete`}>
          {t.deleteButton}
        </a>
      </p>
    </Layout>
  )
}

/**
 * The second step of removing a card or deleting everything: a page that changes nothing, says what
 * goes, and posts back to itself; Cancel returns to the manage page.
 */
function ConfirmStepPage({
  t,
  locale,
  base,
  path,
  title,
  button,
  children,
}: {
  t: PageMessages
  locale: Locale
  base: string
  /** the page's own path, which its form posts to */
  path: string
  title: string
  button: string
  children: Child
}) {
  return (
    <Layout t={t} locale={locale} title={title} switchPath={path}>
      <h1>{title}</h1>
      <p>{children}</p>
      <form method="post" action={path}>
        <div class="actions">
          <button type="submit" class="danger">
            {button}
          </button>
          <a href={base}>{t.cancel}</a>
        </div>
      </form>
    </Layout>
  )
}

/** "Remove this card?": the card's name and date, and what stops; the button removes it. */
export function RemoveCardConfirmPage(p: {
  t: PageMessages
  locale: Locale
  base: string
  cardId: string
  card: string
  date: string
}) {
  return (
    <ConfirmStepPage
      t={p.t}
      locale={p.locale}
      base={p.base}
      path={`${p.base}/cards/${p.cardId}/remove`}
      title={p.t.removeConfirmTitle}
      button={p.t.removeConfirmButton}
    >
      {fillNodes(p.t.removeConfirmBody, { card: p.card, date: <NoWrap>{p.date}</NoWrap> })}
    </ConfirmStepPage>
  )
}

/** "Delete everything?": the address that goes with all its cards; the button deletes it. */
export function DeleteConfirmPage(p: { t: PageMessages; locale: Locale; base: string; email: string }) {
  return (
    <ConfirmStepPage
      t={p.t}
      locale={p.locale}
      base={p.base}
      path={`${p.base}/delete`}
      title={p.t.deleteConfirmTitle}
      button={p.t.deleteConfirmButton}
    >
      {fill(p.t.deleteConfirmBody, { email: p.email })}
    </ConfirmStepPage>
  )
}

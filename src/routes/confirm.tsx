// Routes: GET /confirm/{token} shows a Confirm button; POST confirms the card and starts reminders.
import { Hono } from 'hono'
import {
  activeNamesake,
  activeTwin,
  confirmCardStatement,
  countActiveCards,
  deletePendingCardStatement,
  getCard,
  type StoredCard,
} from '../db/cards'
import { activateSubscriberStatement, getSubscriber } from '../db/subscribers'
import { planSchedule } from '../domain/activation'
import { MAX_CARDS_PER_ADDRESS } from '../domain/card-limit'
import { slowDeadlineBeforeFirstReminder } from '../domain/first-deadline'
import { TOKEN_TTL_MS } from '../domain/tokens'
import type { Subscriber } from '../domain/types'
import { slowChannelList } from '../email/channel-text'
import type { AppEnv, Ctx } from '../env'
import { emailCopy } from '../i18n/emails'
import { formatDate, INTL_LOCALE } from '../i18n/format'
import { fill, LANGUAGE_NAMES } from '../i18n/pages'
import { sha256Hex } from '../lib/crypto'
import { pagePath } from '../links'
import { checkToken } from '../security/link-token'
import { cardTitle, carrierName, instantDate, leadDaysText } from '../views/describe'
import { LostLinkForm } from '../views/lost-link'
import { MessagePage } from '../views/message-page'
import { hourText } from '../views/more-summary'
import { zoneName } from '../views/time-zones'
import { ConfirmedPage, ConfirmPage } from '../views/token-pages'
import { restoreSchedule } from './reschedule'
import { messages, preferLocale, sendBadLink, sendPage } from './respond'

export const confirmRoutes = new Hono<AppEnv>()

type Loaded =
  | { ok: true; card: StoredCard; subscriber: Subscriber }
  | { ok: false; response: Response | Promise<Response> }

/**
 * A second click or an old link: nothing to do. Opened by GET (a mail scanner, a forwarded email) it
 * offers the lost-link form, not the manage page; right after the owner pressed Confirm (a POST that
 * raced another) the manage link stays.
 */
async function alreadyConfirmed(c: Ctx, subscriberId: string, now: number, pressed: boolean) {
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <MessagePage t={t} locale={locale} title={t.alreadyConfirmedTitle} lines={[t.alreadyConfirmedBody]}>
      {pressed ? (
        <p>
          <a href={await pagePath(c.get('config'), 'manage', subscriberId, now)}>{t.manageLink}</a>
        </p>
      ) : (
        <LostLinkForm t={t} locale={locale} intro={t.alreadyConfirmedManage} />
      )}
    </MessagePage>,
  )
}

/** The address already holds the most cards it may; the card stays pending and nothing changes. */
async function cardLimitPage(c: Ctx, subscriberId: string, now: number) {
  const t = messages(c)
  const manage = await pagePath(c.get('config'), 'manage', subscriberId, now)
  const lines = [fill(t.cardLimit, { max: MAX_CARDS_PER_ADDRESS })]
  return sendPage(
    c,
    <MessagePage t={t} locale={c.get('locale')} title={t.cardLimitTitle} lines={lines}>
      <p>
        <a href={manage}>{t.manageLink}</a>
      </p>
    </MessagePage>,
    409,
  )
}

/** The token's card, checked: signature, purpose, expiry, the stored nonce hash, and the 7 days. */
async function load(c: Ctx, token: string, now: number): Promise<Loaded> {
  const check = await checkToken(c.get('config'), token, 'confirm', now)
  if (!check.ok) return { ok: false, response: sendBadLink(c, check.expired, 'confirm') }
  const card = await getCard(c.env.DB, check.claims.subject)
  const subscriber = card ? await getSubscriber(c.env.DB, card.subscriberId) : null
  if (!card || !subscriber) return { ok: false, response: sendBadLink(c, false) }
  preferLocale(c, card.pendingLocale ?? subscriber.locale)
  if (card.status === 'active') {
    return { ok: false, response: alreadyConfirmed(c, subscriber.id, now, c.req.method === 'POST') }
  }
  const nonceHash = check.claims.nonce ? await sha256Hex(check.claims.nonce) : null
  if (!card.confirmHash || nonceHash !== card.confirmHash) return { ok: false, response: sendBadLink(c, false) }
  if (card.createdAt + TOKEN_TTL_MS.confirm <= now) return { ok: false, response: sendBadLink(c, true, 'confirm') }
  return { ok: true, card, subscriber }
}

// Shows the button only: mail scanners that follow links must not confirm anything. Like the email
// that led here, it names the card by carrier and date, not by its label: the person who typed the
// label may not own this mailbox.
confirmRoutes.get('/:token', async (c) => {
  const loaded = await load(c, c.req.param('token'), Date.now())
  if (!loaded.ok) return loaded.response
  const t = messages(c)
  // Its label is the one this mailbox's owner confirmed before, so it may show here.
  const namesake = await activeNamesake(c.env.DB, loaded.card.id)
  return sendPage(
    c,
    <ConfirmPage
      t={t}
      locale={c.get('locale')}
      path={c.req.path}
      card={(loaded.card.carrier !== 'other' && carrierName(t, loaded.card.carrier)) || t.untitledCard}
      date={formatDate(loaded.card.expiresOn, c.get('locale'))}
      namesake={
        namesake
          ? { card: cardTitle(t, namesake, c.get('locale')), date: formatDate(namesake.expiresOn, c.get('locale')) }
          : null
      }
    />,
  )
})

confirmRoutes.post('/:token', async (c) => {
  const now = Date.now()
  const loaded = await load(c, c.req.param('token'), now)
  if (!loaded.ok) return loaded.response
  const { card, subscriber } = loaded
  const db = c.env.DB
  const { sendHour } = c.get('config')
  // The very same card already on the address (the form sent again by someone who had forgotten):
  // confirming turns the address on as usual, but the pending copy goes, so no reminder comes twice.
  const twin = await activeTwin(db, card.id)
  const active = await countActiveCards(db, subscriber.id)
  // An address holds at most 20 cards: this one waits until the owner removes one (the manage link
  // is fine here: the owner just pressed Confirm).
  if (!twin && active >= MAX_CARDS_PER_ADDRESS) return cardLimitPage(c, subscriber.id, now)
  // The form's language and time zone are the address's settings only while it has no card: a card
  // added from the form (often without opening "More settings", so with its defaults) must not move
  // the other cards' emails to another language or hour. The manage page changes them.
  const keepOwn = active > 0
  const locale = keepOwn ? subscriber.locale : (card.pendingLocale ?? subscriber.locale)
  const timezone = keepOwn ? subscriber.timezone : (card.pendingTimezone ?? subscriber.timezone)
  const formChoseOther =
    keepOwn && ((card.pendingLocale ?? locale) !== locale || (card.pendingTimezone ?? timezone) !== timezone)
  const target = twin ?? card
  const plan = planSchedule(target, timezone, sendHour, now)
  const [confirmed] = await db.batch([
    twin
      ? deletePendingCardStatement(db, card.id)
      : confirmCardStatement(db, card.id, { now, nextDueAt: plan.nextDueAt, expiresOn: plan.expiresOn }),
    activateSubscriberStatement(db, subscriber.id, { locale, timezone, now }),
  ])
  if ((confirmed?.meta.changes ?? 0) === 0) {
    // A second click raced the first one, or another card took the last place.
    const current = await getCard(db, card.id)
    if (current?.status === 'pending') return cardLimitPage(c, subscriber.id, now)
    return alreadyConfirmed(c, subscriber.id, now, true)
  }
  // The address's other cards follow a new timezone, or restart after an unsubscribe.
  if (timezone !== subscriber.timezone || subscriber.status !== 'active') {
    await restoreSchedule(db, subscriber.id, sendHour, now)
  }
  // plan.next is the first renewal reminder (never the balance check): the first email naming the last safe day.
  const slow = slowDeadlineBeforeFirstReminder(
    { ...target, expiresOn: plan.expiresOn },
    plan.next?.dueAt ?? null,
    timezone,
    now,
  )

  // The page answers in the language the form was filled in; the emails keep the address's.
  preferLocale(c, card.pendingLocale ?? locale)
  const shown = c.get('locale')
  const t = messages(c)
  return sendPage(
    c,
    <ConfirmedPage
      t={t}
      locale={shown}
      path={c.req.path}
      email={subscriber.email}
      card={cardTitle(t, target, c.get('locale'))}
      date={formatDate(plan.expiresOn, shown)}
      next={plan.next ? instantDate(plan.next.dueAt, timezone, shown) : null}
      leadDays={leadDaysText(t, shown, target.leadDays)}
      monthly={target.balanceCheck === 'monthly'}
      manageHref={await pagePath(c.get('config'), 'manage', subscriber.id, now)}
      slow={
        slow
          ? {
              channels: slowChannelList(emailCopy(shown), target.carrier) ?? '',
              date: formatDate(slow.date, shown),
              passed: slow.passed,
            }
          : null
      }
      kept={
        formChoseOther
          ? {
              language: LANGUAGE_NAMES[locale],
              time: hourText(sendHour, INTL_LOCALE[shown]),
              zone: zoneName(timezone, INTL_LOCALE[shown]) ?? timezone,
            }
          : null
      }
    />,
  )
})

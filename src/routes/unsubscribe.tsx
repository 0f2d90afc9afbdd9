// Routes: GET /unsubscribe/{token} shows a button (or, once unsubscribed, the done page); POST (the page or RFC 8058 one-click) stops all mail.
// With ?only=balance the same link stops only the monthly balance checks of every card (contract).
import { Hono } from 'hono'
import { listCards, stopBalanceChecks } from '../db/cards'
import { clearSchedule } from '../db/due-cards'
import { getSubscriber, unsubscribe } from '../db/subscribers'
import { signToken } from '../domain/tokens'
import type { AppEnv, Ctx } from '../env'
import { formatDate, formatRenewalFee } from '../i18n/format'
import { checkToken } from '../security/link-token'
import { BalanceStoppedPage, StopBalancePage } from '../views/balance-stop-pages'
import { cardTitle } from '../views/describe'
import { type StillExpiring, UnsubscribedPage, UnsubscribePage } from '../views/token-pages'
import { messages, preferLocale, sendBadLink, sendPage } from './respond'

export const unsubscribeRoutes = new Hono<AppEnv>()

const balanceOnly = (c: Ctx) => c.req.query('only') === 'balance'
/** The page's own path, keeping ?only=balance so its form and language links stay on the same action. */
const ownPath = (c: Ctx) => (balanceOnly(c) ? `${c.req.path}?only=balance` : c.req.path)

unsubscribeRoutes.get('/:token', async (c) => {
  const check = await checkToken(c.get('config'), c.req.param('token'), 'unsubscribe', Date.now())
  if (!check.ok) return sendBadLink(c, check.expired)
  const subscriber = await getSubscriber(c.env.DB, check.claims.subject)
  if (!subscriber) return sendBadLink(c, false)
  preferLocale(c, subscriber.locale)
  // Already unsubscribed (the link opened again, or "stop balance checks only" after a full unsubscribe):
  // say so, as the button's answer did; nothing changes. No email of any kind goes to this address.
  if (subscriber.status === 'unsubscribed') {
    return donePage(c, await stillExpiring(c, subscriber.id, Date.now()))
  }
  const props = { t: messages(c), locale: c.get('locale'), path: ownPath(c), email: subscriber.email }
  return sendPage(c, balanceOnly(c) ? <StopBalancePage {...props} /> : <UnsubscribePage {...props} />)
})

interface StillExpiringCards {
  cards: StillExpiring[]
  /** the address's calendar feed, one for all its cards (a calendar link opens no manage page) */
  calendarHref: string | null
}

/** The address's active cards: each still expires on its date. */
async function stillExpiring(c: Ctx, subscriberId: string, now: number): Promise<StillExpiringCards> {
  const t = messages(c)
  const cards = (await listCards(c.env.DB, subscriberId)).filter((card) => card.status === 'active')
  if (cards.length === 0) return { cards: [], calendarHref: null }
  return {
    cards: cards.map((card) => ({
      card: cardTitle(t, card, c.get('locale')),
      date: formatDate(card.expiresOn, c.get('locale')),
      autoRenew: card.autoRenew,
      fee: formatRenewalFee(card.renewalFeeCents, c.get('locale')),
    })),
    calendarHref: `/calendar/${await signToken(c.get('config').signingSecret, 'feed', subscriberId, now)}.ics`,
  }
}

/** The done page: what still expires, and the way back (or, for a deleted address, a new sign-up). */
const donePage = (c: Ctx, still: StillExpiringCards | null) =>
  sendPage(
    c,
    <UnsubscribedPage
      t={messages(c)}
      locale={c.get('locale')}
      path={c.req.path}
      kept={still !== null}
      cards={still?.cards ?? []}
      calendarHref={still?.calendarHref ?? null}
    />,
  )

// No CSRF check here (see app.ts): mail clients post with no cookie and no Origin; the signed
// token is the proof. Always 200, never a redirect, and the same answer when repeated.
unsubscribeRoutes.post('/:token', async (c) => {
  const now = Date.now()
  const check = await checkToken(c.get('config'), c.req.param('token'), 'unsubscribe', now)
  if (!check.ok) return sendBadLink(c, check.expired)
  const subscriber = await getSubscriber(c.env.DB, check.claims.subject)
  if (subscriber) preferLocale(c, subscriber.locale)
  if (balanceOnly(c)) {
    // Renewal reminders, language and the address's status stay as they are.
    if (subscriber) await stopBalanceChecks(c.env.DB, subscriber.id, now)
    // "Expiry reminders keep coming" would be untrue for an address that gets nothing: the unsubscribed page.
    if (subscriber?.status === 'unsubscribed') return donePage(c, await stillExpiring(c, subscriber.id, now))
    return sendPage(c, <BalanceStoppedPage t={messages(c)} locale={c.get('locale')} path={ownPath(c)} />)
  }
  let still: StillExpiringCards | null = null
  if (subscriber) {
    await unsubscribe(c.env.DB, subscriber.id, now)
    // No card is read by the cron any more, and reminders already queued are cancelled.
    await clearSchedule(c.env.DB, subscriber.id)
    still = await stillExpiring(c, subscriber.id, now)
  }
  // A deleted address gets no mail either: that is still a successful unsubscribe. The cards of one
  // that exists are kept, so the way back is the manage page's "start emails again", reached by a
  // link we email (never from this answer).
  return donePage(c, still)
})

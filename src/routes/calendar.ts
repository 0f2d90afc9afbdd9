// GET /calendar/{token}.ics: the address's calendar feed, computed from the DB at request time. No state changes.
//
// Decisions:
// - One feed per address: every active card of the subscriber, one all-day event each on its
//   current expiry (after any auto-renewal roll), UID stable per card, one alarm per lead day at
//   SEND_HOUR. A subscribed calendar therefore follows renewals, edits, added and removed cards.
// - Tokens: 'feed' tokens name the subscriber (manage page, reminders). Per-card 'calendar' tokens
//   from older emails keep working and now serve the same whole-address feed, as long as their
//   card is still active. Neither purpose opens any other page, and no other token opens this.
// - Served for a confirmed address whether or not it still receives email (an unsubscribed person
//   may keep the calendar instead); not for a pending one, nor once the data is deleted.
import { Hono } from 'hono'
import { getCard, listCards } from '../db/cards'
import { getSubscriber } from '../db/subscribers'
import { moneyNeededBy } from '../domain/renewal'
import { rolledExpiry } from '../domain/schedule'
import type { Subscriber } from '../domain/types'
import { lastSafeDay, lastSafeDayPassed } from '../domain/working-days'
import { localDate } from '../domain/zoned-time'
import { slowChannelList } from '../email/channel-text'
import type { AppEnv, Ctx } from '../env'
import { CALENDAR_MESSAGES } from '../i18n/calendar'
import { emailCopy } from '../i18n/emails'
import { formatRenewalFee } from '../i18n/format'
import { buildRenewedLink } from '../links'
import { checkToken } from '../security/link-token'
import { renderFeed } from '../views/calendar-feed'
import { cardOwnName } from '../views/describe'
import { sendBadLink } from './respond'

export const calendarRoutes = new Hono<AppEnv>()

type Found = { ok: true; subscriber: Subscriber } | { ok: false; expired: boolean }

/** The subscriber a feed or per-card calendar token names, if that link is still good. */
async function subscriberFor(c: Ctx, token: string, now: number): Promise<Found> {
  const config = c.get('config')
  const feed = await checkToken(config, token, 'feed', now)
  let subscriberId: string | null = feed.ok ? feed.claims.subject : null
  let expired = !feed.ok && feed.expired
  if (!feed.ok) {
    const perCard = await checkToken(config, token, 'calendar', now)
    expired ||= !perCard.ok && perCard.expired
    const card = perCard.ok ? await getCard(c.env.DB, perCard.claims.subject) : null
    if (card?.status === 'active') subscriberId = card.subscriberId
  }
  const subscriber = subscriberId ? await getSubscriber(c.env.DB, subscriberId) : null
  if (!subscriber || subscriber.status === 'pending') return { ok: false, expired }
  return { ok: true, subscriber }
}

calendarRoutes.get('/:file', async (c) => {
  const file = c.req.param('file')
  if (!file.endsWith('.ics')) return sendBadLink(c, false)
  const config = c.get('config')
  const now = Date.now()
  const found = await subscriberFor(c, file.slice(0, -'.ics'.length), now)
  if (!found.ok) return sendBadLink(c, found.expired)
  const { subscriber } = found
  const today = localDate(now, subscriber.timezone)
  const cards = (await listCards(c.env.DB, subscriber.id)).filter((card) => card.status === 'active')
  const feedCards = []
  for (const card of cards) {
    const expiresOn = rolledExpiry(card, subscriber.timezone, now)
    const neededBy = moneyNeededBy({ expiresOn, autoRenew: card.autoRenew })
    feedCards.push({
      id: card.id,
      name: cardOwnName(card, subscriber.locale),
      expiresOn,
      leadDays: card.leadDays,
      lastSafeDay: lastSafeDay(neededBy),
      slowTooLate: lastSafeDayPassed(neededBy, today),
      // Named as the card's emails name them: the same words, the same carrier's own channels.
      slowChannels: slowChannelList(emailCopy(subscriber.locale), card.carrier),
      autoRenew: card.autoRenew,
      fee: formatRenewalFee(card.renewalFeeCents, subscriber.locale),
      // Bound to the stored expiry, which is what the renewed page compares with. A plan that renews
      // itself gets none, as in its emails: before the renewal day there is nothing to report.
      renewedUrl: card.autoRenew ? null : await buildRenewedLink(config, card.id, card.expiresOn, now),
      updatedAt: card.updatedAt,
    })
  }
  const body = renderFeed({
    copy: CALENDAR_MESSAGES[subscriber.locale],
    locale: subscriber.locale,
    host: new URL(config.publicUrl).hostname,
    now,
    alarmHour: config.sendHour,
    cards: feedCards,
  })
  return c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'attachment; filename="simkeep.ics"',
    'cache-control': 'private, no-store',
    'x-robots-tag': 'noindex',
  })
})

// Routes: "I've renewed". GET shows the suggested new expiry (editable); POST saves it and reschedules.
// A link is bound to the expiry its email was about, so opening it again after a renewal changes nothing.
import { Hono } from 'hono'
import { getCard, renewCard, type StoredCard } from '../db/cards'
import { getSubscriber } from '../db/subscribers'
import { planSchedule } from '../domain/activation'
import { type ProposalReason, proposedExpiry } from '../domain/renewal'
import type { Subscriber } from '../domain/types'
import { checkExpiry, type ErrorKey } from '../domain/validate'
import { localDate } from '../domain/zoned-time'
import type { AppEnv, Ctx } from '../env'
import { formatDate } from '../i18n/format'
import { expiryNonce } from '../links'
import { checkToken } from '../security/link-token'
import { formString, readForm } from '../security/read-form'
import { cardTitle, instantDate } from '../views/describe'
import { RenewedDonePage, RenewedPage, RenewedStalePage } from '../views/token-pages'
import { messages, preferLocale, sendBadLink, sendPage } from './respond'

export const renewedRoutes = new Hono<AppEnv>()

type Loaded =
  | { ok: true; card: StoredCard; subscriber: Subscriber; stale: boolean }
  | { ok: false; response: Response | Promise<Response> }

async function load(c: Ctx, now: number): Promise<Loaded> {
  const check = await checkToken(c.get('config'), c.req.param('token') ?? '', 'renewed', now)
  if (!check.ok) return { ok: false, response: sendBadLink(c, check.expired) }
  const card = await getCard(c.env.DB, check.claims.subject)
  const subscriber = card ? await getSubscriber(c.env.DB, card.subscriberId) : null
  // Only confirmed cards have reminders to renew.
  if (!card || !subscriber || card.status !== 'active') return { ok: false, response: sendBadLink(c, false) }
  preferLocale(c, subscriber.locale)
  // The card has moved past the date this link was sent for (renewed already, edited, or a link from
  // before links carried a date): proposing expiry + cycle again would push it a cycle too far.
  const stale = check.claims.nonce !== expiryNonce(card.expiresOn)
  return { ok: true, card, subscriber, stale }
}

/**
 * Changes nothing; shows the card's current expiry and how to get to the cards page to correct it (a
 * manage link by email: renewed links travel in calendar files, which get shared).
 */
function renderStale(c: Ctx, card: StoredCard, status: 200 | 409) {
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <RenewedStalePage
      t={t}
      locale={locale}
      path={c.req.path}
      card={cardTitle(t, card, locale)}
      date={formatDate(card.expiresOn, locale)}
    />,
    status,
  )
}

function renderForm(c: Ctx, card: StoredCard, value: string, reason: ProposalReason, error: ErrorKey | null) {
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <RenewedPage
      t={t}
      locale={locale}
      path={c.req.path}
      card={cardTitle(t, card, locale)}
      oldDate={formatDate(card.expiresOn, locale)}
      cycleDays={card.cycleDays}
      reason={reason}
      value={value}
      error={error}
    />,
    error ? 422 : 200,
  )
}

renewedRoutes.get('/:token', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { card, subscriber } = loaded
  if (loaded.stale) return renderStale(c, card, 200)
  // Carriers count from the top-up day, in the subscriber's own today.
  const proposal = proposedExpiry(card, localDate(now, subscriber.timezone))
  return renderForm(c, card, proposal.date, proposal.reason, null)
})

renewedRoutes.post('/:token', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { card, subscriber } = loaded
  // 409: the save asked for did not happen, because the card was already renewed past this link's date.
  if (loaded.stale) return renderStale(c, card, 409)
  const value = formString(await readForm(c), 'expires_on').trim()
  const error = checkExpiry(value, subscriber.timezone, now)
  if (error) return renderForm(c, card, value, proposedExpiry(card, localDate(now, subscriber.timezone)).reason, error)

  const { sendHour } = c.get('config')
  const plan = planSchedule({ ...card, expiresOn: value, editedAt: now }, subscriber.timezone, sendHour, now)
  const saved = await renewCard(c.env.DB, {
    id: card.id,
    from: card.expiresOn,
    expiresOn: plan.expiresOn,
    now,
    nextDueAt: plan.nextDueAt,
  })
  if (!saved) {
    // Renewed (or edited) between our read and this write: answer with what the card says now.
    const current = await getCard(c.env.DB, card.id)
    if (current?.status !== 'active') return sendBadLink(c, false)
    return renderStale(c, current, 409)
  }
  const next = plan.next
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <RenewedDonePage
      t={t}
      locale={locale}
      path={c.req.path}
      card={cardTitle(t, card, locale)}
      date={formatDate(value, locale)}
      next={next ? instantDate(next.dueAt, subscriber.timezone, locale) : null}
      same={value === card.expiresOn}
    />,
  )
})

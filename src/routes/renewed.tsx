// Routes: "I've renewed". GET shows the suggested new expiry (editable); POST saves it and reschedules.
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../app'
import { type CardRecord, getCard, planSchedule, renewCard } from '../db/cards'
import { getSubscriber } from '../db/subscribers'
import { signToken } from '../domain/tokens'
import type { Subscriber } from '../domain/types'
import { checkExpiry, type ErrorKey } from '../domain/validate'
import { addDays } from '../domain/zoned-time'
import { formatDate } from '../i18n/format'
import { checkToken } from '../security/link-token'
import { formString, readForm } from '../security/read-form'
import { instantDate } from '../views/describe'
import { cardTitle, messages, preferLocale, sendBadLink, sendPage } from '../views/respond'
import { RenewedDonePage, RenewedPage } from '../views/token-pages'

type Ctx = Context<AppEnv>

export const renewedRoutes = new Hono<AppEnv>()

type Loaded =
  | { ok: true; card: CardRecord; subscriber: Subscriber }
  | { ok: false; response: Response | Promise<Response> }

async function load(c: Ctx, now: number): Promise<Loaded> {
  const check = await checkToken(c.get('config'), c.req.param('token') ?? '', 'renewed', now)
  if (!check.ok) return { ok: false, response: sendBadLink(c, check.expired) }
  const card = await getCard(c.env.DB, check.claims.subject)
  const subscriber = card ? await getSubscriber(c.env.DB, card.subscriberId) : null
  // Only confirmed cards have reminders to renew.
  if (!card || !subscriber || card.status !== 'active') return { ok: false, response: sendBadLink(c, false) }
  preferLocale(c, subscriber.locale)
  return { ok: true, card, subscriber }
}

function renderForm(c: Ctx, card: CardRecord, value: string, error: ErrorKey | null) {
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <RenewedPage
      t={t}
      locale={locale}
      path={c.req.path}
      card={cardTitle(t, card.label)}
      oldDate={formatDate(card.expiresOn, locale)}
      cycleDays={card.cycleDays}
      value={value}
      error={error}
    />,
    error ? 422 : 200,
  )
}

renewedRoutes.get('/:token', async (c) => {
  const loaded = await load(c, Date.now())
  if (!loaded.ok) return loaded.response
  const { card } = loaded
  const suggested = card.cycleDays ? addDays(card.expiresOn, card.cycleDays) : card.expiresOn
  return renderForm(c, card, suggested, null)
})

renewedRoutes.post('/:token', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { card, subscriber } = loaded
  const value = formString(await readForm(c), 'expires_on').trim()
  const error = checkExpiry(value, subscriber.timezone, now)
  if (error) return renderForm(c, card, value, error)

  const { sendHour } = c.get('config')
  const plan = planSchedule({ ...card, expiresOn: value }, subscriber.timezone, sendHour, now)
  await renewCard(c.env.DB, { id: card.id, expiresOn: plan.expiresOn, now, nextDueAt: plan.nextDueAt })
  const next = plan.next
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <RenewedDonePage
      t={t}
      locale={locale}
      path={c.req.path}
      card={cardTitle(t, card.label)}
      date={formatDate(value, locale)}
      next={next ? instantDate(next.dueAt, subscriber.timezone, locale) : null}
      manageHref={`/manage/${await signToken(c.get('config').signingSecret, 'manage', subscriber.id, now)}`}
    />,
  )
})

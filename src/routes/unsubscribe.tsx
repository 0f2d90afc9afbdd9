// Routes: GET /unsubscribe/{token} shows a button; POST (the page or RFC 8058 one-click) stops all mail.
import { Hono } from 'hono'
import { clearSchedule } from '../db/due-cards'
import { getSubscriber, unsubscribe } from '../db/subscribers'
import type { AppEnv } from '../env'
import { checkToken } from '../security/link-token'
import { UnsubscribedPage, UnsubscribePage } from '../views/token-pages'
import { messages, preferLocale, sendBadLink, sendPage } from './respond'

export const unsubscribeRoutes = new Hono<AppEnv>()

unsubscribeRoutes.get('/:token', async (c) => {
  const check = await checkToken(c.get('config'), c.req.param('token'), 'unsubscribe', Date.now())
  if (!check.ok) return sendBadLink(c, check.expired)
  const subscriber = await getSubscriber(c.env.DB, check.claims.subject)
  if (!subscriber) return sendBadLink(c, false)
  preferLocale(c, subscriber.locale)
  return sendPage(
    c,
    <UnsubscribePage t={messages(c)} locale={c.get('locale')} path={c.req.path} email={subscriber.email} />,
  )
})

// No CSRF check here (see app.ts): mail clients post with no cookie and no Origin; the signed
// token is the proof. Always 200, never a redirect, and the same answer when repeated.
unsubscribeRoutes.post('/:token', async (c) => {
  const now = Date.now()
  const check = await checkToken(c.get('config'), c.req.param('token'), 'unsubscribe', now)
  if (!check.ok) return sendBadLink(c, check.expired)
  const subscriber = await getSubscriber(c.env.DB, check.claims.subject)
  if (subscriber) {
    await unsubscribe(c.env.DB, subscriber.id, now)
    // No card is read by the cron any more, and reminders already queued are cancelled.
    await clearSchedule(c.env.DB, subscriber.id)
    preferLocale(c, subscriber.locale)
  }
  // A deleted address gets no mail either: that is still a successful unsubscribe. The cards of one
  // that exists are kept, so the way back is the manage page's "start emails again", reached by a
  // link we email (never from this answer).
  return sendPage(
    c,
    <UnsubscribedPage t={messages(c)} locale={c.get('locale')} path={c.req.path} kept={subscriber !== null} />,
  )
})

// GET /calendar/{token}.ics: the card's expiry as an all-day iCalendar event. No state changes.
import { Hono } from 'hono'
import { getCard } from '../db/cards'
import { getSubscriber } from '../db/subscribers'
import { buildCalendar } from '../domain/ics'
import type { Locale } from '../domain/types'
import type { AppEnv } from '../env'
import { buildRenewedLink } from '../links'
import { checkToken } from '../security/link-token'
import { sendBadLink } from './respond'

export const calendarRoutes = new Hono<AppEnv>()

const WORDING: Record<Locale, { card: string; summary: (name: string) => string; description: string }> = {
  en: {
    card: 'SIM card',
    summary: (name) => `${name}: last day of validity`,
    description:
      'Your prepaid SIM card expires at the end of this day. Renew before then, through a channel you trust.',
  },
  'zh-Hant': {
    card: 'SIM 卡',
    summary: (name) => `${name}：有效期最後一天`,
    description: '你的儲值卡在今日結束時到期，請在此之前經可信的途徑增值續期。',
  },
  'zh-Hans': {
    card: 'SIM 卡',
    summary: (name) => `${name}：有效期最后一天`,
    description: '你的预付费卡在今天结束时到期，请在此之前通过可信的渠道充值续费。',
  },
}

calendarRoutes.get('/:file', async (c) => {
  const file = c.req.param('file')
  if (!file.endsWith('.ics')) return sendBadLink(c, false)
  const config = c.get('config')
  const now = Date.now()
  const check = await checkToken(config, file.slice(0, -'.ics'.length), 'calendar', now)
  if (!check.ok) return sendBadLink(c, check.expired)
  const card = await getCard(c.env.DB, check.claims.subject)
  const subscriber = card ? await getSubscriber(c.env.DB, card.subscriberId) : null
  if (!card || !subscriber || card.status !== 'active') return sendBadLink(c, false)
  const words = WORDING[subscriber.locale] ?? WORDING.en
  const name = card.label.trim() || words.card
  const renewed = await buildRenewedLink(config, card.id, card.expiresOn, now)
  const body = buildCalendar({
    // One event per card and expiry: re-importing the same date does not duplicate it.
    uid: `${card.id}-${card.expiresOn}@${new URL(config.publicUrl).hostname}`,
    date: card.expiresOn,
    summary: words.summary(name),
    description: `${words.description}\n${renewed}`,
    url: renewed,
    stamp: now,
    alarmDaysBefore: 3,
  })
  return c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'attachment; filename="simkeep-expiry.ics"',
    'cache-control': 'private, no-store',
  })
})

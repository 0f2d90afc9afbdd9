// Routes: the manage page behind a signed link: list, edit, add and remove cards; language and
// timezone; unsubscribe state; delete everything. Each POST redirects back (303) or shows errors.
import { Hono } from 'hono'
import { deleteCard, getCard, insertActiveCard, listCards, type StoredCard, updateCardSettings } from '../db/cards'
import { deleteSubscriber, getSubscriber, liftSuppression, resubscribe, updatePreferences } from '../db/subscribers'
import { planSchedule } from '../domain/activation'
import { MAX_CARDS_PER_ADDRESS } from '../domain/card-limit'
import { type RawForm, rawForm } from '../domain/raw-form'
import { nextOccurrence } from '../domain/schedule'
import type { Locale, Subscriber } from '../domain/types'
import { checkPreferences, type FieldErrors, validateCardForm } from '../domain/validate'
import type { AppEnv, Ctx } from '../env'
import { formatDate, formatRenewalFee } from '../i18n/format'
import { fill } from '../i18n/pages'
import { randomId } from '../lib/crypto'
import { buildLink, pagePath, webcalUrl } from '../links'
import { checkToken } from '../security/link-token'
import { readForm } from '../security/read-form'
import { cardTitle, carrierName, instantDate, leadDaysText } from '../views/describe'
import { emptyForm, rawFromCard } from '../views/form-values'
import { DeleteConfirmPage, ManagePage, RemoveCardConfirmPage } from '../views/manage-page'
import { limitManagePosts } from './manage-limit'
import { restoreSchedule } from './reschedule'
import { messages, preferLocale, sendBadLink, sendGoneLink, sendMessage, sendPage } from './respond'

export const manageRoutes = new Hono<AppEnv>()

// Every change counts against a per-client and a per-address budget before anything else happens.
manageRoutes.use('/:token/*', limitManagePosts)
manageRoutes.use('/:token', limitManagePosts)

const FLASHES = ['saved', 'added', 'removed', 'settings', 'resubscribed', 'resumed'] as const
type Flash = (typeof FLASHES)[number]

type Loaded = { ok: true; subscriber: Subscriber; base: string } | { ok: false; response: Response | Promise<Response> }

async function load(c: Ctx, now: number): Promise<Loaded> {
  const token = c.req.param('token') ?? ''
  const check = await checkToken(c.get('config'), token, 'manage', now)
  if (!check.ok) return { ok: false, response: sendBadLink(c, check.expired) }
  const subscriber = await getSubscriber(c.env.DB, check.claims.subject)
  if (!subscriber) return { ok: false, response: sendGoneLink(c) }
  preferLocale(c, subscriber.locale)
  return { ok: true, subscriber, base: `/manage/${token}` }
}

interface Overrides {
  card?: { id: string; raw: RawForm; errors: FieldErrors }
  add?: { raw: RawForm; errors: FieldErrors }
  prefs?: { raw: RawForm; errors: FieldErrors }
  /** an added card was refused: the address already holds the most cards it may */
  addRefused?: true
}

/** The address's calendar feed, to download or to subscribe to (webcal://). */
async function calendarLinks(c: Ctx, subscriberId: string): Promise<{ download: string; subscribe: string }> {
  const download = await buildLink(c.get('config'), 'feed', subscriberId, Date.now())
  return { download, subscribe: webcalUrl(download) }
}

async function renderManage(c: Ctx, subscriber: Subscriber, base: string, overrides: Overrides = {}) {
  const t = messages(c)
  const locale = c.get('locale')
  const cards = await listCards(c.env.DB, subscriber.id)
  const done = c.req.query('done')
  const flash = (FLASHES as readonly string[]).includes(done ?? '') ? t[`flash_${done as Flash}`] : null
  const failed = Boolean(overrides.card || overrides.add || overrides.prefs)
  const prefsRaw = { ...emptyForm(subscriber.locale), timezone: subscriber.timezone }
  return sendPage(
    c,
    <ManagePage
      t={t}
      locale={locale}
      base={base}
      email={subscriber.email}
      status={subscriber.status}
      suppressedReason={subscriber.suppressedAt !== null ? (subscriber.suppressedReason ?? 'suppressed') : null}
      unsubscribeHref={
        subscriber.status === 'active' && subscriber.suppressedAt === null
          ? await pagePath(c.get('config'), 'unsubscribe', subscriber.id, Date.now())
          : null
      }
      calendar={cards.some((card) => card.status === 'active') ? await calendarLinks(c, subscriber.id) : null}
      flash={failed ? null : flash}
      failed={failed}
      cards={cards.map((card) => {
        const edited = overrides.card?.id === card.id ? overrides.card : null
        return {
          id: card.id,
          title: cardTitle(t, card, locale),
          expires: formatDate(card.expiresOn, locale),
          // An unnamed card is already called by its carrier's name (cardTitle).
          carrier: card.label.trim() ? carrierName(t, card.carrier) : null,
          pending: card.status === 'pending',
          next: nextReminder(card, subscriber, c.get('config').sendHour, locale),
          autoRenew: card.autoRenew,
          fee: formatRenewalFee(card.renewalFeeCents, locale),
          cycleDays: card.cycleDays,
          reminders: [
            fill(t.confirmedLead, { days: leadDaysText(t, locale, card.leadDays) }),
            card.balanceCheck === 'monthly' ? t.confirmedBalance : '',
          ]
            .filter(Boolean)
            .join(t.sentenceGap),
          raw: edited?.raw ?? rawFromCard(card, subscriber.locale, subscriber.timezone),
          errors: edited?.errors ?? {},
        }
      })}
      add={{
        raw: overrides.add?.raw ?? emptyForm(subscriber.locale),
        errors: overrides.add?.errors ?? {},
        open: Boolean(overrides.add || overrides.addRefused),
        full: cards.filter((card) => card.status === 'active').length >= MAX_CARDS_PER_ADDRESS,
      }}
      prefs={overrides.prefs ?? { raw: prefsRaw, errors: {} }}
    />,
    failed || overrides.addRefused ? 422 : 200,
  )
}

/**
 * The day the next email about an active card goes out, and whether it is only the monthly balance
 * check (so "next reminder: 1 Dec" is not read as the renewal reminder), while the address gets mail.
 */
function nextReminder(
  card: StoredCard,
  subscriber: Subscriber,
  sendHour: number,
  locale: Locale,
): { date: string; balance: boolean } | null {
  if (card.status !== 'active' || subscriber.status !== 'active' || subscriber.suppressedAt !== null) return null
  const next = nextOccurrence(card, subscriber.timezone, sendHour, Date.now())
  return next ? { date: instantDate(next.dueAt, subscriber.timezone, locale), balance: next.kind === 'balance' } : null
}

const back = (c: Ctx, base: string, flash: Flash) => c.redirect(`${base}?done=${flash}`, 303)

/** Every active card of the address restarts its schedule from now (timezone change, resubscribe). */
function rescheduleAll(c: Ctx, subscriberId: string, now: number) {
  return restoreSchedule(c.env.DB, subscriberId, c.get('config').sendHour, now)
}

manageRoutes.get('/:token', async (c) => {
  const loaded = await load(c, Date.now())
  if (!loaded.ok) return loaded.response
  return renderManage(c, loaded.subscriber, loaded.base)
})

async function ownCard(c: Ctx, subscriber: Subscriber): Promise<StoredCard | null> {
  const card = await getCard(c.env.DB, c.req.param('cardId') ?? '')
  return card && card.subscriberId === subscriber.id ? card : null
}

manageRoutes.post('/:token/cards/:cardId', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { subscriber, base } = loaded
  const card = await ownCard(c, subscriber)
  if (!card) return sendBadLink(c, false)
  const raw = rawForm(await readForm(c), { locale: subscriber.locale })
  const result = validateCardForm(raw, subscriber.timezone, now, card.expiresOn)
  if (!result.ok) return renderManage(c, subscriber, base, { card: { id: card.id, raw, errors: result.errors } })
  const plan = planSchedule(
    { ...result.value, id: card.id, editedAt: now },
    subscriber.timezone,
    c.get('config').sendHour,
    now,
  )
  await updateCardSettings(c.env.DB, {
    id: card.id,
    subscriberId: subscriber.id,
    settings: { ...result.value, expiresOn: plan.expiresOn },
    now,
    nextDueAt: plan.nextDueAt,
  })
  return back(c, base, 'saved')
})

// Removing a card takes two steps, like deleting everything: this page (changes nothing), then its button.
manageRoutes.get('/:token/cards/:cardId/remove', async (c) => {
  const loaded = await load(c, Date.now())
  if (!loaded.ok) return loaded.response
  const card = await ownCard(c, loaded.subscriber)
  if (!card) return sendBadLink(c, false)
  const t = messages(c)
  return sendPage(
    c,
    <RemoveCardConfirmPage
      t={t}
      locale={c.get('locale')}
      base={loaded.base}
      cardId={card.id}
      card={cardTitle(t, card, c.get('locale'))}
      date={formatDate(card.expiresOn, c.get('locale'))}
    />,
  )
})

manageRoutes.post('/:token/cards/:cardId/remove', async (c) => {
  const loaded = await load(c, Date.now())
  if (!loaded.ok) return loaded.response
  const card = await ownCard(c, loaded.subscriber)
  if (!card) return sendBadLink(c, false)
  await deleteCard(c.env.DB, card.id, loaded.subscriber.id)
  return back(c, loaded.base, 'removed')
})

// The manage link proves the address, so a card added here is active at once.
manageRoutes.post('/:token/cards', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { subscriber, base } = loaded
  const raw = rawForm(await readForm(c), { locale: subscriber.locale })
  const result = validateCardForm(raw, subscriber.timezone, now)
  if (!result.ok) return renderManage(c, subscriber, base, { add: { raw, errors: result.errors } })
  const id = randomId()
  const plan = planSchedule({ ...result.value, id }, subscriber.timezone, c.get('config').sendHour, now)
  const added = await insertActiveCard(c.env.DB, {
    id,
    subscriberId: subscriber.id,
    settings: { ...result.value, expiresOn: plan.expiresOn },
    now,
    nextDueAt: plan.nextDueAt,
  })
  if (!added) return renderManage(c, subscriber, base, { addRefused: true })
  return back(c, base, 'added')
})

manageRoutes.post('/:token/settings', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { subscriber, base } = loaded
  const raw = rawForm(await readForm(c), { locale: subscriber.locale })
  const prefs = checkPreferences(raw)
  if (!prefs.locale || !prefs.timezone) {
    return renderManage(c, subscriber, base, { prefs: { raw, errors: prefs.errors } })
  }
  await updatePreferences(c.env.DB, subscriber.id, { locale: prefs.locale, timezone: prefs.timezone })
  if (prefs.timezone !== subscriber.timezone) await rescheduleAll(c, subscriber.id, now)
  // The page follows the newly chosen language unless ?lang= or the cookie say otherwise.
  return back(c, base, 'settings')
})

// After a bounce or spam report the person, holding a link only their mailbox received, may ask for mail again.
// A provider-level block is not lifted here: Resend would drop the mail anyway.
manageRoutes.post('/:token/resume', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { subscriber, base } = loaded
  if (await liftSuppression(c.env.DB, subscriber.id)) await rescheduleAll(c, subscriber.id, now)
  return back(c, base, 'resumed')
})

manageRoutes.post('/:token/resubscribe', async (c) => {
  const now = Date.now()
  const loaded = await load(c, now)
  if (!loaded.ok) return loaded.response
  const { subscriber, base } = loaded
  if (await resubscribe(c.env.DB, subscriber.id)) await rescheduleAll(c, subscriber.id, now)
  return back(c, base, 'resubscribed')
})

// Deleting everything takes two steps: this page (changes nothing), then its button.
manageRoutes.get('/:token/delete', async (c) => {
  const loaded = await load(c, Date.now())
  if (!loaded.ok) return loaded.response
  return sendPage(
    c,
    <DeleteConfirmPage t={messages(c)} locale={c.get('locale')} base={loaded.base} email={loaded.subscriber.email} />,
  )
})

manageRoutes.post('/:token/delete', async (c) => {
  const loaded = await load(c, Date.now())
  if (!loaded.ok) return loaded.response
  await deleteSubscriber(c.env.DB, loaded.subscriber.id)
  return sendMessage(c, 200, 'deletedTitle', ['deletedBody'])
})

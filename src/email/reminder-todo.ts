// "What to do this time" for one card: the deadline(s) with the last safe day for slow top-ups, the
// amount when known, the channels its carrier takes, the official address to type, the real-name tip.
import { carrierGuide, channelsFor, graceFor, mayHaveMainlandNumber } from '../domain/carriers'
import { moneyNeededBy } from '../domain/renewal'
import type { Locale } from '../domain/types'
import { lastSafeDay } from '../domain/working-days'
import type { EmailMessages } from '../i18n/emails'
import { formatDate, formatDayDate, formatHkd, formatLongDate, formatRenewalFee } from '../i18n/format'
import { andList, channelLine, slowChannelList } from './channel-text'
import type { ReminderItem } from './data'

/** Days left at or under which instant channels come first. */
const SHORT_DAYS = 3

export interface Todo {
  /** what to do, in order: deadlines and amount first */
  steps: string[]
  channels: { heading: string; items: string[] } | null
  /** the carrier's official address, shown as text to type (never a link) */
  address: string | null
  realName: string | null
  /** the button under it */
  button: 'renewed' | 'confirmDate' | null
  /** the dates written into the steps: the html keeps each on one line */
  dates: string[]
  /** money must arrive within the day: expiry today or past, or the last safe day for slow top-ups gone */
  noTimeToWait: boolean
}

function carrierText(copy: EmailMessages, item: ReminderItem): string {
  const c = item.card.carrier
  return c && c !== 'other' ? copy.carriers[c] : copy.reminder.theCarrier
}

function channels(copy: EmailMessages, item: ReminderItem, locale: Locale, instantOnly: boolean) {
  const plan = channelsFor(item.card.carrier, { urgent: item.daysLeft <= SHORT_DAYS, lastSafeDayPassed: instantOnly })
  const heading =
    plan.from === 'carrier' ? copy.reminder.channelsHeading(carrierText(copy, item)) : copy.reminder.channelsGeneral
  return { heading, items: plan.channels.map((c) => channelLine(copy, c, locale)) }
}

/**
 * Whether a card's to-do gives its carrier's validity tiers ("…, counted from the top-up day"): a
 * top-up renewed by hand, on a carrier whose page states them. The tips leave out what this says.
 */
export function showsValidityTiers(item: ReminderItem): boolean {
  return !item.card.autoRenew && !!carrierGuide(item.card.carrier)?.validity?.tiers.length
}

/**
 * "HK$10 to HK$49 gives 30 days and HK$50 or more gives 180 days" from the carrier's sourced tiers
 * (ascending): each tier but the last ends a dollar below the next, so no amount reads as both.
 */
function validityStep(copy: EmailMessages, item: ReminderItem, locale: Locale): string | null {
  const validity = carrierGuide(item.card.carrier)?.validity
  if (!validity || !showsValidityTiers(item)) return null
  const t = copy.reminder.todo
  const hkd = (dollars: number) => formatHkd(dollars * 100, locale)
  const tiers = validity.tiers.map((tier, i, all) => {
    const next = all[i + 1]
    return next ? t.tierUpTo(hkd(tier.minHkd), hkd(next.minHkd - 1), tier.days) : t.tier(hkd(tier.minHkd), tier.days)
  })
  return copy.reminder.todo.validity(carrierText(copy, item), andList(copy, tiers))
}

/**
 * A Hong Kong number as a subscriber can dial it from either side of the border: with +852 (from a
 * mainland phone the bare eight digits reach nobody), kept on one line.
 */
const dialable = (number: string) => `+852 ${number}`.replace(/ /g, '\u00a0')

/** After expiry: contact the carrier, with its hotline and any sourced grace period, never a promised one. */
function lapsedSteps(copy: EmailMessages, item: ReminderItem, first: string): string[] {
  const t = copy.reminder.todo
  const guide = carrierGuide(item.card.carrier)
  const grace = graceFor(item.card.carrier)
  return [
    guide?.hotline ? `${first}${copy.sentenceGap}${t.hotline(dialable(guide.hotline.number))}` : first,
    ...(grace ? [t.grace(carrierText(copy, item), grace.days)] : []),
  ]
}

// A Latin name next to a Chinese character ("SmarTone卡", "聯絡csl") gets a space, as typeset Chinese does.
const LATIN_HAN = /([A-Za-z])(?=[\u3400-\u9fff])|([\u3400-\u9fff])(?=[A-Za-z])/g
const spaced = (text: string) => text.replace(LATIN_HAN, '$1$2 ')

/** What to do this time; copy and carrier data only, never the subscriber's own label. */
export function todoFor(copy: EmailMessages, item: ReminderItem, locale: Locale, today: string): Todo {
  const todo = buildTodo(copy, item, locale, today)
  if (locale === 'en') return todo
  return {
    ...todo,
    steps: todo.steps.map(spaced),
    channels: todo.channels && { heading: spaced(todo.channels.heading), items: todo.channels.items.map(spaced) },
  }
}

function buildTodo(copy: EmailMessages, item: ReminderItem, locale: Locale, today: string): Todo {
  const t = copy.reminder.todo
  const { card } = item
  const address = carrierGuide(card.carrier)?.address?.text ?? null
  const realName = mayHaveMainlandNumber(card.carrier) ? t.realName : null
  const fee = formatRenewalFee(card.renewalFeeCents, locale)
  const dates: string[] = []
  const day = (date: string) => {
    const text = formatDayDate(date, locale)
    dates.push(text)
    return text
  }
  // A date in another year (a plan that rolled 365 days) needs its year: 12月28日星期二 alone reads as the old day.
  const dayWithYear = (date: string) => {
    const text = formatLongDate(date, locale)
    dates.push(text)
    return text
  }
  const base = { address, realName, dates, noTimeToWait: item.daysLeft <= 1 }

  if (item.kind === 'balance') {
    const steps = [copy.reminder.balanceNotice]
    if (card.autoRenew && fee) steps.push(t.balanceFee(fee, day(card.expiresOn)))
    return { ...base, noTimeToWait: false, steps, channels: null, realName: null, button: null }
  }
  if (item.kind === 'renew_check') {
    const ask = fee ? t.renewCheckAsk(day(card.expiresOn), fee) : t.renewCheckAskPlanFee(day(card.expiresOn))
    const next = card.rolledTo ? t.renewCheckRolled(dayWithYear(card.rolledTo)) : t.renewCheckUnknown
    return { ...base, noTimeToWait: false, steps: [ask, next], channels: null, realName: null, button: 'confirmDate' }
  }
  if (item.kind === 'followup') {
    const steps = [t.followupDone, ...lapsedSteps(copy, item, t.followupNot(carrierText(copy, item)))]
    // The real-name tip is about reactivating "while still valid": moot the day after expiry.
    return { ...base, steps, channels: null, realName: null, button: 'renewed' }
  }
  if (item.kind === 'expired') {
    const ended = formatDate(card.expiresOn, locale)
    dates.push(ended)
    const first = item.daysLeft < 0 ? copy.reminder.expiredLateNotice(ended) : t.topUpToday
    const steps = [first, ...lapsedSteps(copy, item, t.lapsed(carrierText(copy, item)))]
    const stillValid = item.daysLeft >= 0
    return {
      ...base,
      noTimeToWait: true,
      steps,
      channels: channels(copy, item, locale, true),
      realName: stillValid ? realName : null,
      button: 'renewed',
    }
  }
  // A pre-expiry reminder: a balance check when the plan renews itself, else a top-up deadline.
  const safe = lastSafeDay(moneyNeededBy(card))
  const past = today > safe
  // On the plan's own day (lead day 0) "before" it would be past: the fee is taken today.
  const keep =
    item.daysLeft <= 0
      ? fee
        ? t.keepFeeToday(fee)
        : t.keepPlanFeeToday
      : fee
        ? t.keepFee(fee, day(card.expiresOn))
        : t.keepPlanFee(day(card.expiresOn))
  const steps = card.autoRenew ? [keep] : [t.topUpBy(day(card.expiresOn))]
  // What else cancels the plan on its day, where the carrier says so.
  if (card.autoRenew && carrierGuide(card.carrier)?.packNeedsMonthOfValidity)
    steps.push(t.packValidity(carrierText(copy, item)))
  // The slow channels its plan names (a carrier's own, else the general ones); none named, no sentence.
  const slow = slowChannelList(copy, card.carrier)
  if (slow) steps.push(past ? t.slowPast(slow, day(safe)) : t.slowBy(slow, day(safe)))
  const validity = validityStep(copy, item, locale)
  if (validity) steps.push(validity)
  // The plan renews itself: nothing for the subscriber to report until "did it renew?".
  return {
    ...base,
    noTimeToWait: base.noTimeToWait || past,
    steps,
    channels: channels(copy, item, locale, past),
    button: card.autoRenew ? null : 'renewed',
  }
}

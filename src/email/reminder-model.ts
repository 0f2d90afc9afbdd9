// What a reminder email says, worked out once and shared by the html and text parts.
import type { Locale } from '../domain/types'
import type { EmailMessages } from '../i18n/emails'
import { formatHkd, formatLongDate, formatShortDate } from '../i18n/format'
import { cardName, carrierName, cleanSubject } from './card-name'
import type { ReminderEmailData, ReminderItem } from './data'
import { showsValidityTiers, type Todo, todoFor } from './reminder-todo'

export interface CardBlock {
  name: string
  carrier: string | null
  /** "Valid until …", or null where the item itself is about the date ("did it renew?") */
  validUntil: string | null
  /** one line per item for this card, e.g. "7 days left" */
  statuses: string[]
  urgent: boolean
  /** what to do this time, for the card's most urgent item */
  todo: Todo
  links: { renewed: string; calendar: string }
}

export interface ReminderModel {
  subject: string
  heading: string
  preheader: string
  cards: CardBlock[]
  /** the general tips, once per email (none for balance checks alone) */
  tips: string[]
}

const isRenewal = (item: ReminderItem) => item.kind !== 'balance'
/** A manual top-up still days away: "not too early" applies. */
const manualWithTime = (item: ReminderItem) => item.kind === 'reminder' && !item.card.autoRenew && item.daysLeft >= 3

function statusText(copy: EmailMessages, item: ReminderItem): string {
  const s = copy.reminder.status
  switch (item.kind) {
    case 'balance':
      return s.balance
    case 'renew_check':
      return s.renewCheck
    case 'followup':
      return s.past
    case 'reminder':
      if (item.card.autoRenew) return s.renewsIn(Math.max(0, item.daysLeft))
  }
  return item.daysLeft > 0 ? s.daysLeft(item.daysLeft) : item.daysLeft === 0 ? s.today : s.past
}

function subjectFor(copy: EmailMessages, locale: Locale, item: ReminderItem): string {
  const s = copy.reminder.subject
  const label = cardName(copy, item.card)
  const date = formatShortDate(item.card.expiresOn, locale)
  const fee = item.card.renewalFeeCents
  switch (item.kind) {
    case 'balance':
      return s.balance(label)
    case 'renew_check':
      return s.renewCheck(label, date)
    case 'followup':
      return s.followup(label, date)
    case 'reminder':
      if (item.card.autoRenew && item.daysLeft <= 0)
        return fee ? s.keepFeeToday(label, formatHkd(fee, locale)) : s.keepPlanFeeToday(label)
      if (item.card.autoRenew) return fee ? s.keepFee(label, formatHkd(fee, locale), date) : s.keepPlanFee(label, date)
  }
  if (item.daysLeft < 0) return s.past(label, date)
  if (item.kind === 'expired') return s.expired(label, date)
  return item.daysLeft === 0 ? s.today(label, date) : s.daysLeft(label, item.daysLeft, date)
}

/** The heading follows the most urgent item: the last days get words of their own, not "time to renew". */
function headingFor(copy: EmailMessages, top: ReminderItem): string {
  const h = copy.reminder.heading
  if (top.kind === 'balance') return h.balance
  if (top.kind === 'renew_check') return h.renewCheck
  if (top.kind === 'followup') return h.followup
  if (top.kind === 'reminder' && top.card.autoRenew) return h.keepFee
  if (top.daysLeft < 0) return h.past
  if (top.daysLeft === 0) return h.today
  return top.daysLeft === 1 ? h.tomorrow : h.renew
}

function preheaderFor(copy: EmailMessages, top: ReminderItem): string {
  const p = copy.reminder.preheader
  if (top.kind === 'balance') return p.balance
  if (top.kind === 'renew_check') return p.renewCheck
  if (top.kind === 'followup') return p.followup
  return top.kind === 'reminder' && top.card.autoRenew ? p.keepFee : p.renew
}

export function reminderModel(copy: EmailMessages, data: ReminderEmailData): ReminderModel {
  const [top] = data.items
  if (!top) throw new Error('renderReminder needs at least one item')

  // One block per card (its renewed link identifies it), in the order of its most urgent item.
  const groups = new Map<string, ReminderItem[]>()
  for (const item of data.items) {
    const list = groups.get(item.links.renewed)
    if (list) list.push(item)
    else groups.set(item.links.renewed, [item])
  }
  let balanceExplained = false
  const cards = [...groups.values()].map((items): CardBlock => {
    const first = items[0] as ReminderItem
    // A card being renewed needs no balance nudge in the same email: topping up settles both.
    const shown = items.some(isRenewal) ? items.filter(isRenewal) : items
    const main = shown[0] as ReminderItem
    const todo = todoFor(copy, main, data.locale, data.today)
    // How to check a balance is said once per email, not once per card.
    if (main.kind === 'balance') {
      if (balanceExplained) todo.steps = todo.steps.filter((s) => s !== copy.reminder.balanceNotice)
      balanceExplained = true
    }
    return {
      name: cardName(copy, first.card),
      carrier: carrierName(copy, first.card),
      validUntil:
        main.kind === 'renew_check' ? null : copy.validUntil(formatLongDate(main.card.expiresOn, data.locale)),
      statuses: shown.map((item) => statusText(copy, item)),
      urgent: shown.some(
        (i) =>
          i.kind === 'expired' ||
          i.kind === 'followup' ||
          (i.kind === 'reminder' && !i.card.autoRenew && i.daysLeft <= 1),
      ),
      todo,
      links: first.links,
    }
  })

  // "and N more" counts what the email shows, not balance checks folded into a renewal.
  const more = cards.reduce((n, c) => n + c.statuses.length, 0) - 1
  const first = subjectFor(copy, data.locale, top)
  // Balance checks only, for several cards: one plain subject rather than "… and 2 more".
  const balanceOnly = more > 0 && data.items.every((i) => i.kind === 'balance')
  const subject = cleanSubject(
    balanceOnly
      ? copy.reminder.subject.balanceMany(more + 1)
      : more > 0
        ? copy.reminder.subject.more(first, more)
        : first,
  )
  const t = copy.reminder.tips
  const topUps = data.items.some((i) => isRenewal(i) && i.kind !== 'renew_check')
  // A card that expires within a day, has expired, or is past its last safe day cannot wait a day for a
  // missing top-up, nor 2 working days for PPS.
  const now = cards.some((c) => c.todo.noTimeToWait)
  const tips = topUps
    ? [
        // Its to-do already says "counted from the top-up day": the tip would say it twice.
        ...(data.items.some((i) => manualWithTime(i) && !showsValidityTiers(i)) ? [t.early] : []),
        now ? t.receiptNow : t.receipt,
        t.phishing,
      ]
    : []
  return { subject, heading: headingFor(copy, top), preheader: preheaderFor(copy, top), cards, tips }
}

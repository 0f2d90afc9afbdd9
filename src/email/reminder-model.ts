// What a reminder email says, worked out once and shared by the html and text parts.
import type { Locale } from '../domain/types'
import type { EmailMessages } from '../i18n/emails'
import { formatDate, formatLongDate, formatShortDate } from '../i18n/format'
import { cardName, carrierName, cleanSubject } from './card-name'
import type { ReminderEmailData, ReminderItem } from './data'

export interface CardBlock {
  name: string
  carrier: string | null
  validUntil: string
  /** one line per item for this card, e.g. "7 days left" */
  statuses: Array<{ text: string; notice: string | null }>
  urgent: boolean
  /** false for a card that only has its balance check: "I've renewed" would not fit */
  renewal: boolean
  autoRenewTip: string
  links: { renewed: string; calendar: string }
}

export interface ReminderModel {
  subject: string
  heading: string
  preheader: string
  cards: CardBlock[]
  /** true when anything is about renewing (not only a balance check) */
  renewal: boolean
  /** true when some renewal is still days away, so slow channels and timing advice apply */
  hasTime: boolean
}

const isRenewal = (item: ReminderItem) => item.kind !== 'balance'

function status(copy: EmailMessages, item: ReminderItem, locale: Locale): { text: string; notice: string | null } {
  const s = copy.reminder.status
  if (item.kind === 'balance') return { text: s.balance, notice: copy.reminder.balanceNotice }
  const text = item.daysLeft > 0 ? s.daysLeft(item.daysLeft) : item.daysLeft === 0 ? s.today : s.past
  if (item.kind !== 'expired') return { text, notice: null }
  // Sent late (the cron was down past the expiry day): "top up today" would no longer be true.
  const notice =
    item.daysLeft < 0
      ? copy.reminder.expiredLateNotice(formatDate(item.card.expiresOn, locale))
      : copy.reminder.expiredNotice
  return { text, notice }
}

function subjectFor(copy: EmailMessages, locale: Locale, item: ReminderItem): string {
  const s = copy.reminder.subject
  const label = cardName(copy, item.card)
  const date = formatShortDate(item.card.expiresOn, locale)
  if (item.kind === 'balance') return s.balance(label)
  if (item.daysLeft < 0) return s.past(label, date)
  if (item.kind === 'expired') return s.expired(label, date)
  return item.daysLeft === 0 ? s.today(label, date) : s.daysLeft(label, item.daysLeft, date)
}

/** The heading follows the most urgent item: the last days get words of their own, not "time to renew". */
function headingFor(copy: EmailMessages, top: ReminderItem): string {
  const h = copy.reminder.heading
  if (top.kind === 'balance') return h.balance
  if (top.daysLeft < 0) return h.past
  if (top.daysLeft === 0) return h.today
  return top.daysLeft === 1 ? h.tomorrow : h.renew
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
    const { card, links } = items[0]!
    // A card being renewed needs no balance nudge in the same email: topping up settles both.
    const shown = items.some(isRenewal) ? items.filter(isRenewal) : items
    const statuses = shown.map((item) => {
      const s = status(copy, item, data.locale)
      // How to check a balance is said once per email, not once per card.
      if (item.kind !== 'balance') return s
      const notice = balanceExplained ? null : s.notice
      balanceExplained = true
      return { ...s, notice }
    })
    return {
      name: cardName(copy, card),
      carrier: carrierName(copy, card),
      validUntil: copy.validUntil(formatLongDate(card.expiresOn, data.locale)),
      statuses,
      urgent: items.some((i) => i.kind === 'expired' || (i.kind === 'reminder' && i.daysLeft <= 1)),
      renewal: items.some(isRenewal),
      autoRenewTip: card.autoRenew ? copy.reminder.autoRenewOn : copy.reminder.autoRenewOff,
      links,
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
  const renewal = data.items.some(isRenewal)
  return {
    subject,
    heading: headingFor(copy, top),
    preheader: renewal ? copy.reminder.preheader.renew : copy.reminder.preheader.balance,
    cards,
    renewal,
    hasTime: data.items.some((i) => isRenewal(i) && i.daysLeft >= 3),
  }
}

/** The renewal advice that follows the cards; bank/PPS timing and "not too early" only while there is time. */
export function tipList(copy: EmailMessages, model: ReminderModel): string[] {
  const t = copy.reminder.tips
  const timing = model.hasTime ? [t.bank] : []
  const early = model.hasTime ? [t.early] : []
  return [...timing, t.minimum, ...early, t.balance, t.receipt, t.arrival, t.dualNumber]
}

export function channelList(copy: EmailMessages): Array<{ name: string; advice: string }> {
  const c = copy.reminder.channels
  return [c.website, c.app, c.shop, c.wallet]
}

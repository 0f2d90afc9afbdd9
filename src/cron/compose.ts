// Turns one address's claimed deliveries into ONE reminder email (most urgent first), with its links.

import type { Delivery } from '../db/deliveries'
import type { Card, Locale, OutgoingMessage } from '../domain/types'
import { daysBetween, localDate } from '../domain/zoned-time'
import type { ReminderItem } from '../email/data'
import { renderReminderCached } from '../email/reminder-cache'
import { emailSender } from '../email/sender'
import type { Config } from '../env'
import { buildLink, buildRenewedLink } from '../links'
import { sanitizeMessage } from '../mail/outbox'

const KIND_RANK = { expired: 0, followup: 0, renew_check: 1, reminder: 1, balance: 2 } as const

/** expired and its follow-up first, then reminders and "did it renew?" by fewest days left, then balance checks. */
export function byUrgency(a: ReminderItem, b: ReminderItem): number {
  return KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.daysLeft - b.daysLeft || a.card.label.localeCompare(b.card.label)
}

export async function composeReminder(
  config: Config,
  subscriber: { id: string; email: string; locale: Locale; timezone: string },
  items: Array<{ delivery: Delivery; card: Card }>,
  now: number,
): Promise<OutgoingMessage> {
  const today = localDate(now, subscriber.timezone)
  // Keyed by card and expiry: the renewed link is bound to the date its reminder is about.
  const links = new Map<string, { renewed: string; calendar: string }>()
  // One calendar feed per address (every active card); each card's calendar link points to it.
  const calendar = await buildLink(config, 'feed', subscriber.id, now)
  const reminderItems: ReminderItem[] = []
  for (const { delivery, card } of items) {
    const expiresOn = delivery.expiresOn ?? card.expiresOn
    // "Did it renew?" is about the expiry that passed, but its link confirms the one it rolled to.
    const linkDate = delivery.kind === 'renew_check' ? card.expiresOn : expiresOn
    const key = `${card.id} ${linkDate}`
    let cardLinks = links.get(key)
    if (!cardLinks) {
      cardLinks = {
        renewed: await buildRenewedLink(config, card.id, linkDate, now),
        calendar,
      }
      links.set(key, cardLinks)
    }
    reminderItems.push({
      kind: delivery.kind,
      card: {
        label: card.label,
        carrier: card.carrier,
        expiresOn,
        autoRenew: card.autoRenew,
        cycleDays: card.cycleDays,
        renewalFeeCents: card.renewalFeeCents ?? null,
        rolledTo: delivery.kind === 'renew_check' && card.expiresOn !== expiresOn ? card.expiresOn : null,
      },
      daysLeft: daysBetween(today, expiresOn),
      links: cardLinks,
    })
  }
  reminderItems.sort(byUrgency)
  const unsubscribe = await buildLink(config, 'unsubscribe', subscriber.id, now)
  const manage = await buildLink(config, 'manage', subscriber.id, now)
  const rendered = renderReminderCached({
    locale: subscriber.locale,
    today,
    items: reminderItems,
    // A balance check carries "stop balance checks only" beside the full unsubscribe.
    links: {
      manage,
      unsubscribe,
      ...(reminderItems.some((i) => i.kind === 'balance') ? { stopBalance: `${unsubscribe}?only=balance` } : {}),
    },
    sender: emailSender(config, subscriber.locale),
  })
  return sanitizeMessage({
    from: config.mailFrom,
    to: subscriber.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
}

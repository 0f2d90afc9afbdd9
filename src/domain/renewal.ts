// What a renewal means for a card: the day its money must be on the card, the new expiry "I've
// renewed" proposes, and whether an email queued before a renewal or edit still fits the card.
//
// Decisions:
// - Carriers count a top-up's validity from the top-up day and do not stack it on the days left
//   (carriers.md, "Rules a reminder can rely on" 2), so the proposal is max(E, today + cycle).
// - A plan that renews itself is rolled forward by the scheduler at local midnight after E, so by the
//   time "did it renew?" links here E is already the date the plan should have reached: that date is
//   proposed as it is, to confirm or correct. (Its pre-expiry emails carry no "I've renewed" button:
//   the plan renews, not the subscriber.)
// - Without a cycle there is nothing to add: the current date is shown for the subscriber to change.
// - Money must be on the card by E for a card renewed by hand (it is valid through E), but by the day
//   before E for a plan that renews itself: it takes its fee from the balance on E (contract: "keep
//   at least the fee on the card before E"). The last safe day for slow top-ups counts back from
//   that day, so "keep HK$98 before Thu 10 Dec" never sits beside "PPS: pay by Tue 8 Dec", which can
//   arrive on the 10th.
import type { CardSettings, OccurrenceKind } from './types'
import { addDays } from './zoned-time'

/** The last day a top-up can arrive and still count this time (YYYY-MM-DD). */
export function moneyNeededBy(card: Pick<CardSettings, 'expiresOn' | 'autoRenew'>): string {
  return card.autoRenew ? addDays(card.expiresOn, -1) : card.expiresOn
}

export type ProposalReason = 'topUpDay' | 'autoRenewed' | 'noCycle'

export interface Proposal {
  /** YYYY-MM-DD, editable on the page; empty when there is nothing to propose (no cycle) */
  date: string
  /** which one-sentence explanation the page gives */
  reason: ProposalReason
}

/** The new expiry to propose on the subscriber's local date `today` (YYYY-MM-DD). */
export function proposedExpiry(
  card: Pick<CardSettings, 'expiresOn' | 'cycleDays' | 'autoRenew'>,
  today: string,
): Proposal {
  // No cycle, no guess: the field starts empty. The old date filled in read as a proposal, and sent
  // back unchanged after it had passed it was refused as "in the past".
  if (!card.cycleDays) return { date: '', reason: 'noCycle' }
  if (card.autoRenew) return { date: card.expiresOn, reason: 'autoRenewed' }
  const fromToday = addDays(today, card.cycleDays)
  // ISO dates compare as strings: the later of the two.
  if (fromToday <= card.expiresOn) return { date: card.expiresOn, reason: 'topUpDay' }
  return { date: fromToday, reason: 'topUpDay' }
}

/**
 * Whether a queued occurrence still fits the card as it is now (checked again just before sending):
 * a renewal or edit since planning makes an email about the old expiry pointless. "Did it renew?" is
 * about the expiry that rolled into the current one.
 */
export function stillWanted(
  occurrence: { kind: OccurrenceKind; expiresOn: string | null },
  card: Pick<CardSettings, 'expiresOn' | 'cycleDays' | 'autoRenew'>,
): boolean {
  if (occurrence.kind === 'balance') return true
  if (occurrence.expiresOn === null) return false
  if (occurrence.kind !== 'renew_check') return occurrence.expiresOn === card.expiresOn
  if (!card.autoRenew) return false
  const rolledTo = card.cycleDays ? addDays(occurrence.expiresOn, card.cycleDays) : occurrence.expiresOn
  return card.expiresOn === rolledTo
}

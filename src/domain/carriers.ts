// What a card's carrier takes and how fast: its sourced guide, or the general advice. Pure.
//
// API for emails and pages (all pure, no copy: the wording lives in i18n):
// - carrierGuide(carrier)          the sourced guide, or null for `other` / no carrier
// - channelsFor(carrier, options)  the channels to name this time, instant ones first when urgent
// - slowChannelsFor(carrier)       the ones among them that can take working days (the last safe day's)
// - mayHaveMainlandNumber(carrier) whether to add the real-name / mainland-number tip
// - graceFor(carrier)              a documented grace period, else null (never promise one)
//
// Decisions:
// - A carrier's own channel list is used when it has one; otherwise the general channels. Channels
//   are never mixed: a channel the carrier's pages do not name is not put in its mouth.
// - A channel whose page does not say how fast it credits takes the general speed for its kind,
//   marked speedFrom 'general' so the wording can say "usually".
// - Urgent (time is short): channels crediting within minutes first, unknown speed next, slow last.
//   Last safe day past: only the channels that credit within minutes; if the carrier names none, the
//   general ones that do.

import type { CarrierGuide, ChannelFact, ChannelKind, Grace, Payment, Speed } from './carrier-facts'
import { CARRIER_GUIDES } from './carrier-guides'
import type { Carrier } from './types'

export type { CarrierGuide, ChannelFact, ChannelKind, Grace, Payment, Speed } from './carrier-facts'
export { CARRIER_GUIDES, CONTRADICTIONS, REGULATOR_FACTS } from './carrier-guides'

/**
 * General advice for any Hong Kong prepaid card (product brief, "Ways to top up"), in the order a
 * reminder names them: the carrier's app or site with a card or e-wallet usually credits within
 * minutes; a voucher by its code; PPS and bank ATMs can take up to 2 working days (csl's and
 * SmarTone's pages say so for theirs); the carrier's shop with the SIM and an ID document.
 */
export interface GeneralChannel {
  kind: ChannelKind
  speed: Speed | null
  payments?: readonly Payment[]
}

export const GENERAL_CHANNELS: readonly GeneralChannel[] = [
  { kind: 'online', speed: 'minutes', payments: ['credit_card', 'alipayhk', 'wechat_pay'] },
  { kind: 'voucher', speed: null },
  { kind: 'pps', speed: 'working_days' },
  { kind: 'atm', speed: 'working_days' },
  { kind: 'shop', speed: null },
]

const GENERAL_SPEED: Readonly<Record<ChannelKind, Speed | null>> = {
  online: 'minutes',
  voucher: null,
  pps: 'working_days',
  atm: 'working_days',
  shop: null,
}

/** One channel to name in a reminder. */
export interface ChannelAdvice {
  kind: ChannelKind
  /** null = unknown: never call it instant */
  speed: Speed | null
  /** 'carrier' = the carrier's page says so; 'general' = general advice ("usually"); null = unknown */
  speedFrom: 'carrier' | 'general' | null
  /** the sourced fact behind it (merchant code, minimum, app…), null for general advice */
  fact: ChannelFact | null
}

export interface ChannelPlan {
  /** whose channels these are: the carrier's own pages, or general advice */
  from: 'carrier' | 'general'
  channels: ChannelAdvice[]
}

export interface ChannelOptions {
  /** time is short: instant channels first */
  urgent?: boolean
  /** the last safe day for slow top-ups is past: instant channels only */
  lastSafeDayPassed?: boolean
}

const GUIDES = new Map(CARRIER_GUIDES.map((g) => [g.carrier, g]))

/** The sourced guide of a carrier, or null for `other` and no carrier (general advice only). */
export function carrierGuide(carrier: Carrier | null | undefined): CarrierGuide | null {
  if (!carrier || carrier === 'other') return null
  return GUIDES.get(carrier) ?? null
}

function fromFact(fact: ChannelFact): ChannelAdvice {
  if (fact.speed) return { kind: fact.kind, speed: fact.speed, speedFrom: 'carrier', fact }
  const speed = GENERAL_SPEED[fact.kind]
  return { kind: fact.kind, speed, speedFrom: speed ? 'general' : null, fact }
}

function fromGeneral(channel: GeneralChannel): ChannelAdvice {
  return { kind: channel.kind, speed: channel.speed, speedFrom: channel.speed ? 'general' : null, fact: null }
}

const RANK: Readonly<Record<string, number>> = { minutes: 0, unknown: 1, working_days: 2 }

function byUrgency(a: ChannelAdvice, b: ChannelAdvice): number {
  return (RANK[a.speed ?? 'unknown'] ?? 1) - (RANK[b.speed ?? 'unknown'] ?? 1)
}

/** The channels to name for this card this time (see the header for the ordering rules). */
export function channelsFor(carrier: Carrier | null | undefined, options: ChannelOptions = {}): ChannelPlan {
  const guide = carrierGuide(carrier)
  const general = GENERAL_CHANNELS.map(fromGeneral)
  let plan: ChannelPlan = guide?.channels.length
    ? { from: 'carrier', channels: guide.channels.map(fromFact) }
    : { from: 'general', channels: general }
  if (options.lastSafeDayPassed) {
    const instant = plan.channels.filter((c) => c.speed === 'minutes')
    plan = instant.length
      ? { from: plan.from, channels: instant }
      : { from: 'general', channels: general.filter((c) => c.speed === 'minutes') }
  } else if (options.urgent) {
    // Array.prototype.sort is stable: the carrier's own order survives within a speed.
    plan = { from: plan.from, channels: [...plan.channels].sort(byUrgency) }
  }
  return plan
}

/**
 * The channels the last safe day is about: those of the card's plan (its carrier's own, else the
 * general ones) that can take working days to credit. A carrier's channel that credits within
 * minutes (SmarTone's JETCO ATM) is not among them, and one its pages do not name is never added.
 */
export function slowChannelsFor(carrier: Carrier | null | undefined): ChannelAdvice[] {
  return channelsFor(carrier).channels.filter((c) => c.speed === 'working_days')
}

/**
 * Whether the card may carry a mainland number (一卡兩號): its carrier sells one-card-two-numbers
 * cards (CMHK, China Unicom (Hong Kong)), or the carrier is unknown. Drives the real-name tip.
 */
export function mayHaveMainlandNumber(carrier: Carrier | null | undefined): boolean {
  const guide = carrierGuide(carrier)
  return guide === null || guide.oneCardTwoNumbers !== undefined
}

/** A grace period the carrier documents, else null: the product never promises one. */
export function graceFor(carrier: Carrier | null | undefined): Grace | null {
  return carrierGuide(carrier)?.grace ?? null
}

/** The smallest top-up the carrier's page says extends validity, with the days it gives, else null. */
export function minimumTopUp(
  carrier: Carrier | null | undefined,
): { hkd: number; days: number; product?: string } | null {
  const validity = carrierGuide(carrier)?.validity
  const first = validity?.tiers[0]
  return validity && first ? { hkd: first.minHkd, days: first.days, product: validity.product } : null
}

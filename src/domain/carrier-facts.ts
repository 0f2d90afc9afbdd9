// Types of the carrier guides: every carrier fact carries the page it was read on and the check date.
import type { Carrier, Locale } from './types'

/** Where a fact was read: an official page of the carrier or the regulator, and when. */
export interface Source {
  /** https address of the official page */
  url: string
  /** YYYY-MM-DD the page was last read */
  checkedOn: string
}

/** A fact as it stands on one official page. */
export interface Sourced {
  source: Source
  /** set when the page describes one product (e.g. one prepaid card), not the carrier's cards in general */
  product?: string
}

export type Localized = Readonly<Record<Locale, string>>

/**
 * How a Hong Kong prepaid card is topped up:
 * online = the carrier's own app or prepaid website, with a card or an e-wallet;
 * pps = PPS (繳費靈) by phone or web; atm = a bank ATM or bank bill payment;
 * voucher = a top-up voucher entered by its code; shop = the carrier's own shop.
 */
export type ChannelKind = 'online' | 'voucher' | 'pps' | 'atm' | 'shop'

export type Payment = 'credit_card' | 'unionpay' | 'alipayhk' | 'wechat_pay' | 'octopus' | 'payme'

/** How fast a top-up arrives: within minutes, or up to SLOW_TOP_UP_WORKING_DAYS working days. */
export type Speed = 'minutes' | 'working_days'

export interface ChannelFact extends Sourced {
  kind: ChannelKind
  /** as the page says; absent when it does not say (the general speed then applies, marked as such) */
  speed?: Speed
  /** the page says "usually" (e.g. CMHK: within 15 minutes, sometimes the next working day) */
  usually?: boolean
  /** the page says it can take until the next working day (CMHK: "under special circumstances") */
  sometimesNextWorkingDay?: boolean
  /** ATM network when the speed depends on it */
  network?: 'jetco' | 'hsbc_hang_seng'
  app?: string
  payments?: readonly Payment[]
  /** PPS / JETCO merchant code, or HSBC/Hang Seng bill type, to type at the ATM or PPS */
  merchantCode?: string
  billType?: string
  minHkd?: number
  maxHkd?: number
}

/** Validity gained by one top-up of at least `minHkd`. */
export interface ValidityTier {
  minHkd: number
  days: number
}

export interface ValidityRule extends Sourced {
  /** ascending by minHkd; the first tier's minHkd is the smallest top-up that extends validity */
  tiers: readonly ValidityTier[]
  /** counted from the top-up day, and the later of the current and the new expiry wins (no stacking) */
  fromTopUpDay: true
}

/** Days after expiry during which a top-up still restores the card, and whether the balance survives. */
export interface Grace extends Sourced {
  days: number
  balanceKept: boolean
}

export interface BalanceCheck extends Sourced {
  method: 'app' | 'website' | 'code' | 'hotline'
  /** the code to dial, only from an uncontradicted official page */
  code?: string
}

export interface CarrierGuide {
  carrier: Exclude<Carrier, 'other'>
  name: Localized
  /** the carrier's official address to TYPE (shown as text, never a link) */
  address?: Sourced & { text: string }
  /** the customer hotline to call when something goes wrong (e.g. the card has expired) */
  hotline?: Sourced & { number: string }
  /** top-up channels the carrier's own pages name, in the carrier's order */
  channels: readonly ChannelFact[]
  validity?: ValidityRule
  balanceCheck?: readonly BalanceCheck[]
  /** absent = no documented grace: never promise one */
  grace?: Grace
  /** recurring packs are paid from the stored balance on their day and lapse when it is short */
  packsFromBalance?: Sourced
  /** a pack is also cancelled on its day when the card has less than a month of validity left */
  packNeedsMonthOfValidity?: Sourced
  /** the carrier sells one-card-two-numbers (一卡兩號) cards with a mainland number */
  oneCardTwoNumbers?: Sourced
  /** a lost SIM can be replaced only within validity */
  replaceOnlyWithinValidity?: Sourced
  /** the carrier's "auto recharge" is for postpaid customers only (not for prepaid cards) */
  autoRechargePostpaidOnly?: Sourced
}

/** A fact found on official pages that contradict each other: it must never ship. */
export interface Contradiction {
  carrier: Exclude<Carrier, 'other'>
  fact: keyof CarrierGuide
  values: readonly string[]
  why: string
}

// One top-up channel as a line of an email: what to use, its code and minimum, and how fast it credits;
// and the slow ones as the last-safe-day sentence names them.
import { type ChannelAdvice, slowChannelsFor } from '../domain/carriers'
import type { Carrier, Locale } from '../domain/types'
import type { EmailMessages } from '../i18n/emails'
import { formatHkd } from '../i18n/format'

const LATIN_END = /[A-Za-z0-9)]$/
const LATIN_START = /^[A-Za-z0-9(]/

/** A Chinese word between two Latin names gets spaces ("AlipayHK 或 WeChat Pay HK"), as typeset CJK does. */
function glue(left: string, word: string, right: string): string {
  if (word.trim() !== word) return `${left}${word}${right}`
  return `${left}${LATIN_END.test(left) ? ' ' : ''}${word}${LATIN_START.test(right) ? ' ' : ''}${right}`
}

function joinList(copy: EmailMessages, items: string[], last: string): string {
  if (items.length <= 1) return items.join('')
  return glue(items.slice(0, -1).join(copy.reminder.listComma), last, items[items.length - 1] as string)
}

/** "a, b or c" in the copy's own punctuation. */
export function orList(copy: EmailMessages, items: string[]): string {
  return joinList(copy, items, copy.reminder.listOr)
}

/** "a, b and c" in the copy's own punctuation. */
export function andList(copy: EmailMessages, items: string[]): string {
  return joinList(copy, items, copy.reminder.listAnd)
}

/** An ATM channel's name by its network, from either table (channel list or slow-channel sentence). */
function atmName(names: { jetco: string; hsbc: string; atm: string }, c: ChannelAdvice): string {
  const network = c.fact?.network
  return network === 'jetco' ? names.jetco : network === 'hsbc_hang_seng' ? names.hsbc : names.atm
}

function channelName(copy: EmailMessages, c: ChannelAdvice): string {
  const ch = copy.reminder.channel
  const f = c.fact
  switch (c.kind) {
    case 'online': {
      const payments = f?.payments?.length
        ? orList(
            copy,
            f.payments.map((p) => copy.reminder.payments[p]),
          )
        : ch.anyPayment
      return f?.app ? ch.online(f.app, payments) : ch.onlineGeneral(payments)
    }
    case 'voucher':
      return ch.voucher
    case 'pps':
      return ch.pps
    case 'atm':
      return atmName(ch, c)
    case 'shop':
      return ch.shop
  }
}

/**
 * A fact read on a page about one product (one card) is not the carrier's rule: its codes and
 * minimums are left out, and its speed is said as "usually".
 */
export function channelLine(copy: EmailMessages, c: ChannelAdvice, locale: Locale): string {
  const ch = copy.reminder.channel
  const f = c.fact && !c.fact.product ? c.fact : null
  const details = [
    f?.merchantCode ? ch.merchantCode(f.merchantCode) : null,
    f?.billType ? ch.billType(f.billType) : null,
    f?.minHkd ? ch.from(formatHkd(f.minHkd * 100, locale)) : null,
  ].filter((d): d is string => d !== null)
  const sure = c.speedFrom === 'carrier' && f !== null && !f.usually
  const minutes = sure ? ch.minutes : f?.sometimesNextWorkingDay ? ch.usuallyMinutesSometimesNextDay : ch.usuallyMinutes
  const speed = c.speed === 'minutes' ? minutes : c.speed === 'working_days' ? ch.slow : null
  const name = channelName(copy, c)
  return `${name}${details.length ? copy.paren(details.join(copy.reminder.listComma)) : ''}${speed ? `${copy.colon}${speed}` : ''}`
}

/**
 * "PPS or bank ATM": the channels of the card's plan that can take working days, as the last-safe-day
 * sentence names them (each once, in the plan's order); null when the plan names none.
 */
export function slowChannelList(copy: EmailMessages, carrier: Carrier | null | undefined): string | null {
  const slow = copy.reminder.slowChannel
  const name = (c: ChannelAdvice): string | null => {
    if (c.kind === 'pps') return slow.pps
    if (c.kind !== 'atm') return null // no page names another slow kind; its own list line says its speed
    return atmName(slow, c)
  }
  const distinct = [...new Set(slowChannelsFor(carrier).map(name))].filter((n): n is string => n !== null)
  return distinct.length ? orList(copy, distinct) : null
}

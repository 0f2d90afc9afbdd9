// The cards table's row shape and its one mapping to the Card domain type, shared by every query.
import type { BalanceCheck, Card, Carrier, Locale } from '../domain/types'

/** A row of the cards table as D1 returns it (snake_case columns). */
export interface CardRow {
  id: string
  subscriber_id: string
  status: 'pending' | 'active'
  label: string
  carrier: Carrier | null
  expires_on: string
  cycle_days: number | null
  lead_days: string
  auto_renew: number
  balance_check: BalanceCheck
  active_from: number | null
  next_due_at: number | null
  created_at: number
  updated_at: number
  confirm_hash: string | null
  pending_locale: Locale | null
  pending_timezone: string | null
}

/** lead_days is stored as JSON; anything unreadable counts as no reminders rather than an error. */
export function parseLeadDays(text: string): number[] {
  try {
    const v: unknown = JSON.parse(text)
    return Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n >= 0 && n <= 60) : []
  } catch {
    return []
  }
}

export function cardFromRow(r: CardRow): Card {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    status: r.status,
    label: r.label,
    carrier: r.carrier,
    expiresOn: r.expires_on,
    cycleDays: r.cycle_days,
    leadDays: parseLeadDays(r.lead_days),
    autoRenew: r.auto_renew === 1,
    balanceCheck: r.balance_check,
    activeFrom: r.active_from,
    nextDueAt: r.next_due_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

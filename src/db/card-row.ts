// The cards table's row shape and its one mapping to the Card domain type, shared by every query.
import type { BalanceCheck, Card, CardSettings, Carrier, Locale } from '../domain/types'

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
  /** HK cents; null when not given (and for every card stored before the field existed) */
  renewal_fee_cents: number | null
  balance_check: BalanceCheck
  active_from: number | null
  next_due_at: number | null
  /** the last renewal or settings edit; null when never (and for every card stored before the field existed) */
  edited_at?: number | null
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

/** The settings columns of a card row, as the form and the planner see them. */
export type CardSettingsRow = Pick<
  CardRow,
  'label' | 'carrier' | 'expires_on' | 'cycle_days' | 'lead_days' | 'auto_renew' | 'renewal_fee_cents' | 'balance_check'
>

/** The one mapping of a card's settings columns; a fee counts only with auto-renewal on. */
export function settingsFromRow(r: CardSettingsRow): CardSettings {
  return {
    label: r.label,
    carrier: r.carrier,
    expiresOn: r.expires_on,
    cycleDays: r.cycle_days,
    leadDays: parseLeadDays(r.lead_days),
    autoRenew: r.auto_renew === 1,
    renewalFeeCents: r.auto_renew === 1 ? (r.renewal_fee_cents ?? null) : null,
    balanceCheck: r.balance_check,
  }
}

export function cardFromRow(r: CardRow): Card {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    status: r.status,
    ...settingsFromRow(r),
    activeFrom: r.active_from,
    nextDueAt: r.next_due_at,
    editedAt: r.edited_at ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

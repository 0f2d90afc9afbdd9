// Delivery queries: claiming queued occurrences, and turning them into one outbox email per address.
import type { Card, Locale, OccurrenceKind, SubscriberStatus } from '../domain/types'
import { type CardRow, cardFromRow } from './card-row'

export interface Delivery {
  id: string
  occurrenceKey: string
  subscriberId: string
  cardId: string
  kind: OccurrenceKind
  expiresOn: string | null
  leadDay: number | null
  dueAt: number
  status: 'queued' | 'emailed' | 'cancelled'
  outboxId: string | null
  claimId: string | null
  claimUntil: number | null
  createdAt: number
}

export interface DeliveryRow {
  id: string
  occurrence_key: string
  subscriber_id: string
  card_id: string
  kind: OccurrenceKind
  expires_on: string | null
  lead_day: number | null
  due_at: number
  status: Delivery['status']
  outbox_id: string | null
  claim_id: string | null
  claim_until: number | null
  created_at: number
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    occurrenceKey: r.occurrence_key,
    subscriberId: r.subscriber_id,
    cardId: r.card_id,
    kind: r.kind,
    expiresOn: r.expires_on,
    leadDay: r.lead_day,
    dueAt: r.due_at,
    status: r.status,
    outboxId: r.outbox_id,
    claimId: r.claim_id,
    claimUntil: r.claim_until,
    createdAt: r.created_at,
  }
}

/**
 * Claims every queued, unclaimed (or expired-claim) delivery of the addresses behind the oldest
 * `maxDeliveries` waiting ones, in one statement: all of an address's occurrences go to the same run, so
 * they share one email. The page is read off idx_deliveries_queued in order and the claim finds each
 * address's rows through idx_deliveries_subscriber, so a page reads about what it claims, never the whole
 * waiting set (rows this run settles leave the queued index, so the next page starts after them).
 */
export async function claimQueued(
  db: D1Database,
  claimId: string,
  claimUntil: number,
  now: number,
  maxDeliveries: number,
): Promise<Delivery[]> {
  const { results } = await db
    .prepare(
      `UPDATE deliveries INDEXED BY idx_deliveries_subscriber SET claim_id = ?1, claim_until = ?2
       WHERE subscriber_id IN (
           SELECT subscriber_id FROM deliveries INDEXED BY idx_deliveries_queued
           WHERE status = 'queued' AND (claim_until IS NULL OR claim_until <= ?3)
           ORDER BY created_at LIMIT ?4)
         AND status = 'queued' AND (claim_until IS NULL OR claim_until <= ?3)
       RETURNING *`,
    )
    .bind(claimId, claimUntil, now, maxDeliveries)
    .all<DeliveryRow>()
  return results.map(toDelivery)
}

/** Whether any queued delivery could be claimed now: tells a run stopped by its email cap from one that was done. */
export async function hasClaimable(db: D1Database, now: number): Promise<boolean> {
  const { results } = await db
    .prepare(
      `SELECT 1 FROM deliveries INDEXED BY idx_deliveries_queued
       WHERE status = 'queued' AND (claim_until IS NULL OR claim_until <= ?1) LIMIT 1`,
    )
    .bind(now)
    .all()
  return results.length > 0
}

/**
 * Whether work from before this run waits: a claimable delivery (`queued`), an email due by `outboxDueBy`
 * and unleased now (`outbox`). One index entry each at most; with both false a run renders and sends only
 * what it plans itself, and an idle run skips the claim and lease statements (~4 and ~6 rows on empty
 * indexes).
 */
export function backlogStatement(db: D1Database, now: number, outboxDueBy: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT
         EXISTS (SELECT 1 FROM deliveries INDEXED BY idx_deliveries_queued
                 WHERE status = 'queued' AND (claim_until IS NULL OR claim_until <= ?1)) AS queued,
         EXISTS (SELECT 1 FROM outbox INDEXED BY idx_outbox_pending
                 WHERE status = 'pending' AND next_attempt_at <= ?2 AND (lease_until IS NULL OR lease_until <= ?1)) AS outbox`,
    )
    .bind(now, outboxDueBy)
}

/** backlogStatement's answer. */
export function backlogOf(result: D1Result | null): { queued: boolean; outbox: boolean } {
  const row = result?.results[0] as { queued?: number; outbox?: number } | undefined
  // No answer: assume work waits, so nothing is skipped.
  return { queued: row?.queued !== 0, outbox: row?.outbox !== 0 }
}

/**
 * Links claimed deliveries to their new outbox row, one primary-key update each (one row read; a list
 * through json_each read about five per id). Put them right after `insertOutboxIfClaimed` (db/outbox.ts)
 * in one D1 batch: each applies only if the statement before it changed a row (changes()), so the chain
 * starts only if the email and its body were stored, and an email exists only for deliveries this run
 * holds (the insert checked them all). Without the chain, a delivery cancelled between render and store
 * left the email unstored and its siblings pointing to it: a foreign-key error failing the whole batch.
 */
export function markEmailedStatements(
  db: D1Database,
  ids: string[],
  claimId: string,
  outboxId: string,
): D1PreparedStatement[] {
  return ids.map((id) =>
    db
      .prepare(
        `UPDATE deliveries SET status = 'emailed', outbox_id = ?3, claim_id = NULL, claim_until = NULL
         WHERE id = ?1 AND claim_id = ?2 AND status = 'queued' AND changes() > 0`,
      )
      .bind(id, claimId, outboxId),
  )
}

export function cancelDeliveriesStatement(db: D1Database, ids: string[], claimId: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE deliveries SET status = 'cancelled', claim_id = NULL, claim_until = NULL
       WHERE ${idIn(ids)} AND claim_id = ?2 AND status = 'queued'`,
    )
    .bind(idsParam(ids), claimId)
}

/**
 * `id` matching the ids bound as `param` (idsParam): one id (most addresses have one due reminder) is a plain
 * primary-key lookup, one row read; a list goes through json_each, which D1 also counts row by row.
 */
export function idIn(ids: string[], param = '?1'): string {
  return ids.length === 1 ? `id = ${param}` : `id IN (SELECT value FROM json_each(${param}))`
}

/** The value to bind to idIn's `param`. */
export function idsParam(ids: string[]): string {
  return ids.length === 1 ? (ids[0] as string) : JSON.stringify(ids)
}

/** An address as a reminder needs it: where to send, in which language and time zone, and whether to. */
export interface MailAddress {
  id: string
  email: string
  locale: Locale
  timezone: string
  status: SubscriberStatus
  suppressedAt: number | null
}

export interface MailContext {
  subscribers: Map<string, MailAddress>
  cards: Map<string, Card>
}

/** An address's columns beside a card's, prefixed so that they do not clash (`s` is subscribers). */
export const ADDRESS_COLUMNS =
  's.email AS s_email, s.locale AS s_locale, s.timezone AS s_timezone, s.status AS s_status, s.suppressed_at AS s_suppressed_at'

/** A row of ADDRESS_COLUMNS. */
export interface AddressColumns {
  s_email: string
  s_locale: Locale
  s_timezone: string
  s_status: SubscriberStatus
  s_suppressed_at: number | null
}

/** Adds a card and its address, read together, to `mail`. */
export function addCardWithAddress(mail: MailContext, subscriberId: string, r: CardRow & AddressColumns): void {
  mail.cards.set(r.id, cardFromRow(r))
  mail.subscribers.set(subscriberId, addressFromRow(subscriberId, r))
}

/** An address from its ADDRESS_COLUMNS. */
export function addressFromRow(subscriberId: string, r: AddressColumns): MailAddress {
  return {
    id: subscriberId,
    email: r.s_email,
    locale: r.s_locale,
    timezone: r.s_timezone,
    status: r.s_status,
    suppressedAt: r.s_suppressed_at,
  }
}

/**
 * The cards that claimed deliveries are about, each with its address, in one statement: one json_each
 * row and two key lookups per card (separate loads of addresses and cards read four).
 */
export async function loadMailContext(db: D1Database, cardIds: string[]): Promise<MailContext> {
  const { results } = await db
    .prepare(
      `SELECT c.*, ${ADDRESS_COLUMNS}
       FROM json_each(?1) j JOIN cards c ON c.id = j.value JOIN subscribers s ON s.id = c.subscriber_id`,
    )
    .bind(JSON.stringify(cardIds))
    .all<CardRow & AddressColumns>()
  const out: MailContext = { subscribers: new Map(), cards: new Map() }
  for (const r of results) addCardWithAddress(out, r.subscriber_id, r)
  return out
}

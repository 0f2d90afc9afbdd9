// Queries on the cards table (one row per SIM card), mapped to the Card domain type.
import { MAX_CARDS_PER_ADDRESS } from '../domain/card-limit'
import type { Card, CardSettings, Locale } from '../domain/types'
import { type CardRow, cardFromRow } from './card-row'

/** Everything stored about a card: the Card, plus the pending-confirmation columns the confirm route needs. */
export interface StoredCard extends Card {
  confirmHash: string | null
  pendingLocale: Locale | null
  pendingTimezone: string | null
}

function toStoredCard(r: CardRow): StoredCard {
  return {
    ...cardFromRow(r),
    confirmHash: r.confirm_hash,
    pendingLocale: r.pending_locale,
    pendingTimezone: r.pending_timezone,
  }
}

export async function getCard(db: D1Database, id: string): Promise<StoredCard | null> {
  const row = await db.prepare('SELECT * FROM cards WHERE id = ?1').bind(id).first<CardRow>()
  return row ? toStoredCard(row) : null
}

export async function listCards(db: D1Database, subscriberId: string): Promise<StoredCard[]> {
  const { results } = await db
    .prepare('SELECT * FROM cards WHERE subscriber_id = ?1 ORDER BY expires_on, created_at')
    .bind(subscriberId)
    .all<CardRow>()
  return results.map(toStoredCard)
}

/**
 * A card waiting for its email confirmation; only the nonce's hash is stored. Inserted only if its
 * confirmation email `outboxId` was stored (under the mailbox caps) earlier in the same D1 batch.
 */
export function insertPendingCardStatement(
  db: D1Database,
  args: {
    id: string
    subscriberId: string
    settings: CardSettings
    confirmHash: string
    locale: Locale
    timezone: string
    now: number
    outboxId: string
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO cards (id, subscriber_id, status, ${SETTING_COLUMNS.join(', ')}, confirm_hash, pending_locale,
         pending_timezone, created_at, updated_at)
       SELECT ?1, ?2, 'pending', ${settingSlots(3)}, ?11, ?12, ?13, ?14, ?14
       WHERE EXISTS (SELECT 1 FROM outbox WHERE id = ?15)`,
    )
    .bind(
      args.id,
      args.subscriberId,
      ...settingValues(args.settings),
      args.confirmHash,
      args.locale,
      args.timezone,
      args.now,
      args.outboxId,
    )
}

/**
 * A card's settings as columns, in one order: what every write binds (settingValues) and what makes
 * two cards twins (sameSettings). The fee is kept only with auto-renewal (contract: renewal_fee).
 */
const SETTING_COLUMNS = [
  'label',
  'carrier',
  'expires_on',
  'cycle_days',
  'lead_days',
  'auto_renew',
  'balance_check',
  'renewal_fee_cents',
] as const

function settingValues(s: CardSettings): unknown[] {
  return [
    s.label,
    s.carrier,
    s.expiresOn,
    s.cycleDays,
    JSON.stringify(s.leadDays),
    s.autoRenew ? 1 : 0,
    s.balanceCheck,
    s.autoRenew ? (s.renewalFeeCents ?? null) : null,
  ]
}

/** Placeholders for settingValues bound from ?first on: "?3, ?4, …, ?10". */
function settingSlots(first: number): string {
  return SETTING_COLUMNS.map((_, i) => `?${first + i}`).join(', ')
}

/** `table` has the same settings as `other` gives for each column; IS, so no carrier/cycle/fee match too. */
function sameSettings(table: string, other: (column: string, i: number) => string): string {
  return SETTING_COLUMNS.map((column, i) => `${table}.${column} IS ${other(column, i)}`).join(' AND ')
}

interface SettingsWrite {
  id: string
  subscriberId: string
  settings: CardSettings
  now: number
  nextDueAt: number | null
}

/** ?1…?12 in the order both the insert and the update below use them (settings ?3…?10). */
function settingsParams(args: SettingsWrite): unknown[] {
  return [args.id, args.subscriberId, ...settingValues(args.settings), args.now, args.nextDueAt]
}

/**
 * A card added from the manage page: active at once (the link proves the address). False when the
 * address already holds the most active cards it may: then nothing is stored.
 */
export async function insertActiveCard(db: D1Database, args: SettingsWrite): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO cards (id, subscriber_id, status, ${SETTING_COLUMNS.join(', ')}, active_from, next_due_at,
         created_at, updated_at)
       SELECT ?1, ?2, 'active', ${settingSlots(3)}, ?11, ?12, ?11, ?11
       WHERE (SELECT count(*) FROM cards WHERE subscriber_id = ?2 AND status = 'active') < ?13`,
    )
    .bind(...settingsParams(args), MAX_CARDS_PER_ADDRESS)
    .run()
  return (res.meta.changes ?? 0) > 0
}

/** How many confirmed cards the address holds (pending ones do not count towards the limit). */
export async function countActiveCards(db: D1Database, subscriberId: string): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS n FROM cards WHERE subscriber_id = ?1 AND status = 'active'")
    .bind(subscriberId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/**
 * Pending → active; matches only a still-pending row, so two clicks confirm once, and only while the
 * address holds fewer than the most active cards it may.
 */
export function confirmCardStatement(
  db: D1Database,
  id: string,
  args: { now: number; nextDueAt: number | null; expiresOn: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE cards SET status = 'active', active_from = ?2, next_due_at = ?3, expires_on = ?4, confirm_hash = NULL,
         pending_locale = NULL, pending_timezone = NULL, updated_at = ?2
       WHERE id = ?1 AND status = 'pending'
         AND (SELECT count(*) FROM cards AS other
              WHERE other.subscriber_id = cards.subscriber_id AND other.status = 'active') < ?5`,
    )
    .bind(id, args.now, args.nextDueAt, args.expiresOn, MAX_CARDS_PER_ADDRESS)
}

/**
 * An active card of the same address with exactly the settings of pending card `pendingId`: the form
 * sent again by someone who had forgotten they subscribed this card. Null when there is none.
 */
export async function activeTwin(db: D1Database, pendingId: string): Promise<StoredCard | null> {
  const row = await db
    .prepare(
      `SELECT other.* FROM cards AS mine JOIN cards AS other
         ON other.subscriber_id = mine.subscriber_id AND other.status = 'active'
         AND ${sameSettings('other', (column) => `mine.${column}`)}
       WHERE mine.id = ?1 AND mine.status = 'pending' LIMIT 1`,
    )
    .bind(pendingId)
    .first<CardRow>()
  return row ? toStoredCard(row) : null
}

/**
 * An active card of the same address with the same name and carrier as pending card `pendingId` but
 * other settings (say, a corrected date sent as a second form): confirming would add a second card,
 * which its confirm page says. Null when there is none, or when the active one is its exact twin.
 */
export async function activeNamesake(db: D1Database, pendingId: string): Promise<StoredCard | null> {
  const row = await db
    .prepare(
      `SELECT other.* FROM cards AS mine JOIN cards AS other
         ON other.subscriber_id = mine.subscriber_id AND other.status = 'active'
         AND other.label = mine.label AND other.carrier IS mine.carrier
       WHERE mine.id = ?1 AND mine.status = 'pending'
         AND NOT (${sameSettings('other', (column) => `mine.${column}`)}) LIMIT 1`,
    )
    .bind(pendingId)
    .first<CardRow>()
  return row ? toStoredCard(row) : null
}

/** Drops a card still waiting for confirmation (it has no deliveries); matches only while pending. */
export function deletePendingCardStatement(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare("DELETE FROM cards WHERE id = ?1 AND status = 'pending'").bind(id)
}

/** New settings from the manage page; reminders restart from `now`. */
export async function updateCardSettings(db: D1Database, args: SettingsWrite): Promise<void> {
  await db
    .prepare(
      `UPDATE cards SET ${SETTING_COLUMNS.map((column, i) => `${column} = ?${i + 3}`).join(', ')},
         active_from = CASE WHEN status = 'active' THEN ?11 ELSE active_from END,
         next_due_at = CASE WHEN status = 'active' THEN ?12 ELSE NULL END, updated_at = ?11,
         edited_at = CASE WHEN status = 'active' THEN ?11 ELSE edited_at END
       WHERE id = ?1 AND subscriber_id = ?2`,
    )
    .bind(...settingsParams(args))
    .run()
}

/**
 * Moves an active card from expiry `from` to `expiresOn`. False when the card no longer expires on
 * `from` (e.g. the same renewed link was submitted twice at once): then nothing changes.
 */
export async function renewCard(
  db: D1Database,
  args: { id: string; from: string; expiresOn: string; now: number; nextDueAt: number | null },
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE cards SET expires_on = ?2, active_from = ?3, next_due_at = ?4, updated_at = ?3, edited_at = ?3
       WHERE id = ?1 AND status = 'active' AND expires_on = ?5`,
    )
    .bind(args.id, args.expiresOn, args.now, args.nextDueAt, args.from)
    .run()
  return res.meta.changes > 0
}

export async function deleteCard(db: D1Database, id: string, subscriberId: string): Promise<boolean> {
  const res = await db.batch([
    db.prepare('DELETE FROM deliveries WHERE card_id = ?1 AND subscriber_id = ?2').bind(id, subscriberId),
    db.prepare('DELETE FROM cards WHERE id = ?1 AND subscriber_id = ?2').bind(id, subscriberId),
  ])
  return (res[1]?.meta.changes ?? 0) > 0
}

/**
 * "Stop balance checks only": every card of the address stops its monthly balance check, and balance
 * checks already queued are cancelled. Renewal reminders are untouched: next_due_at stays, and a run
 * that reaches a former balance-check instant simply plans the card's next reminder. Returns the
 * number of cards changed.
 */
export async function stopBalanceChecks(db: D1Database, subscriberId: string, now: number): Promise<number> {
  const [cards] = await db.batch([
    db
      .prepare(
        "UPDATE cards SET balance_check = 'none', updated_at = ?2 WHERE subscriber_id = ?1 AND balance_check <> 'none'",
      )
      .bind(subscriberId, now),
    db
      .prepare(
        "UPDATE deliveries SET status = 'cancelled' WHERE subscriber_id = ?1 AND kind = 'balance' AND status = 'queued'",
      )
      .bind(subscriberId),
  ])
  return cards?.meta.changes ?? 0
}

/** The address's newest card still waiting for confirmation, created after `since`; null when none. */
export async function latestPendingCard(
  db: D1Database,
  subscriberId: string,
  since: number,
): Promise<StoredCard | null> {
  const row = await db
    .prepare(
      `SELECT * FROM cards WHERE subscriber_id = ?1 AND status = 'pending' AND created_at > ?2
       ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(subscriberId, since)
    .first<CardRow>()
  return row ? toStoredCard(row) : null
}

/**
 * The address's card still waiting for confirmation with exactly these settings, signed up after
 * `since`: the same form sent again (a reload of the answer page, a second tap). By address, so that
 * it rides in one batch with the address's find-or-create; read it with twinFromResult.
 */
export function pendingTwinStatement(
  db: D1Database,
  email: string,
  s: CardSettings,
  since: number,
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT cards.* FROM cards JOIN subscribers ON subscribers.id = cards.subscriber_id
       WHERE subscribers.email = ?1 AND cards.status = 'pending' AND cards.created_at > ?2
         AND ${sameSettings('cards', (_, i) => `?${i + 3}`)}
       ORDER BY cards.created_at DESC LIMIT 1`,
    )
    .bind(email, since, ...settingValues(s))
}

/** The card pendingTwinStatement found in a batch, or null. */
export function twinFromResult(result: D1Result | undefined): StoredCard | null {
  const row = result?.results[0] as CardRow | undefined
  return row ? toStoredCard(row) : null
}

/**
 * A pending card's confirmation sent again, stored only with its email. The hash is the card's stable
 * nonce's (`confirmNonce`), so earlier links keep working; a card signed up before nonces were stable
 * gets it now (its older links stop). A re-sent form also brings its language and time zone.
 */
export function replaceConfirmHashStatement(
  db: D1Database,
  args: { id: string; confirmHash: string; outboxId: string; locale?: Locale; timezone?: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE cards SET confirm_hash = ?2, pending_locale = coalesce(?4, pending_locale),
         pending_timezone = coalesce(?5, pending_timezone)
       WHERE id = ?1 AND status = 'pending' AND EXISTS (SELECT 1 FROM outbox WHERE id = ?3)`,
    )
    .bind(args.id, args.confirmHash, args.outboxId, args.locale ?? null, args.timezone ?? null)
}

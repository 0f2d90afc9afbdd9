// Storing a rendered reminder only while everything it was rendered from still holds: the run's claim on
// each of its deliveries and, when it was rendered from rows read earlier, its cards and address.
import type { Card } from '../domain/types'
import { idIn, idsParam } from './deliveries'
import { bodyStatement, type NewOutboxEmail, newRowValues } from './outbox'

/**
 * Up to this many deliveries in one email are checked one primary-key lookup each (one row read apiece);
 * more (an address with many cards due at once) go through json_each, which reads about three per id.
 */
const HELD_CHECKS_MAX = 20

/** Cards one email may be checked against in its insert (two bound values each, within D1's 100). */
export const MAX_CHECKED_CARDS = 20

/** A card as an email was rendered from it: what a write to the card since would change. */
export type CardVersion = Pick<Card, 'id' | 'updatedAt' | 'expiresOn' | 'nextDueAt'>

/** An address as an email was rendered from it (an active, unsuppressed one: the only kind that gets mail). */
export interface AddressVersion {
  id: string
  email: string
  locale: string
  timezone: string
}

/** SQL that is true while this run's claim (?9) holds every one of `ids`, still queued; binds from ?10. */
function heldByClaim(ids: string[]): { sql: string; params: Array<string | number> } {
  if (ids.length > HELD_CHECKS_MAX) {
    return {
      sql: `(SELECT count(*) FROM deliveries WHERE ${idIn(ids, '?10')} AND claim_id = ?9 AND status = 'queued') = ?11`,
      params: [idsParam(ids), ids.length],
    }
  }
  const one = (i: number) =>
    `EXISTS (SELECT 1 FROM deliveries WHERE id = ?${10 + i} AND claim_id = ?9 AND status = 'queued')`
  return { sql: ids.map((_, i) => one(i)).join(' AND '), params: ids }
}

/**
 * SQL that is true while the address and every one of `cards` are still as rendered, binding from ?`from`:
 * one key lookup each. Every write to a card changes one of its checked values: the manage page, a renewal
 * and a balance stop set updated_at; rescheduling (a time zone change, resubscribing) and the planner move
 * next_due_at. An unsubscribe, a bounce, or a new language or time zone changes the address's.
 */
function unchangedSince(rendered: { cards: CardVersion[]; address: AddressVersion }, from: number) {
  const { cards, address } = rendered
  const card = (i: number) =>
    ` AND EXISTS (SELECT 1 FROM cards WHERE id = ?${from + 4 + 2 * i}
       AND updated_at || '/' || expires_on || '/' || ifnull(next_due_at, '') = ?${from + 5 + 2 * i})`
  return {
    sql:
      ` AND EXISTS (SELECT 1 FROM subscribers WHERE id = ?${from} AND email = ?${from + 1} AND locale = ?${from + 2}
         AND timezone = ?${from + 3} AND status = 'active' AND suppressed_at IS NULL)` +
      cards.map((_, i) => card(i)).join(''),
    params: [
      address.id,
      address.email,
      address.locale,
      address.timezone,
      ...cards.flatMap((c) => [c.id, `${c.updatedAt}/${c.expiresOn}/${c.nextDueAt ?? ''}`]),
    ],
  }
}

/** The lease an email is stored under, if any: the storing run's hold on it (heldLeaseId) and until when. */
export interface StoreLease {
  id: string
  until: number
}

/**
 * Inserts a reminder email only while this run still holds every one of its deliveries (claim not taken
 * over by another run, none cancelled meanwhile) and, when it was rendered from rows read earlier
 * (`rendered`, at most MAX_CHECKED_CARDS cards), while its address and cards are unchanged. With `lease`
 * the row is stored already leased, so the run that stored it sends it without a lease statement (one
 * row read an email fewer). The first statement stores the row, the second its body; put
 * markEmailedStatements right after them in the same D1 batch (they apply only if the row was stored).
 */
export function insertOutboxIfClaimed(
  db: D1Database,
  row: NewOutboxEmail,
  deliveryIds: string[],
  claimId: string,
  rendered?: { cards: CardVersion[]; address: AddressVersion },
  lease: StoreLease | null = null,
): D1PreparedStatement[] {
  if (rendered && rendered.cards.length > MAX_CHECKED_CARDS)
    throw new Error(`at most ${MAX_CHECKED_CARDS} cards are checked per email`)
  const held = heldByClaim(deliveryIds)
  const unchanged = rendered ? unchangedSince(rendered, 10 + held.params.length) : { sql: '', params: [] }
  const leaseAt = 10 + held.params.length + unchanged.params.length
  return [
    db
      .prepare(
        `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
         created_at, subject, lease_id, lease_until)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7, ?8, ?${leaseAt}, ?${leaseAt + 1}
       WHERE ${held.sql}${unchanged.sql}`,
      )
      .bind(
        ...newRowValues(row),
        claimId,
        ...held.params,
        ...unchanged.params,
        lease?.id ?? null,
        lease?.until ?? null,
      ),
    bodyStatement(db, row),
  ]
}

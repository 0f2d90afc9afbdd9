// A queue message's deliveries with their cards and addresses, read together by primary key.
import { type CardRow, cardFromRow } from './card-row'
import {
  ADDRESS_COLUMNS,
  type AddressColumns,
  addCardWithAddress,
  addressFromRow,
  type Delivery,
  type DeliveryRow,
  type MailContext,
  toDelivery,
} from './deliveries'

/** A delivery's columns, renamed so that they do not clash with its card's. */
const DELIVERY_COLUMNS = [
  'id',
  'occurrence_key',
  'subscriber_id',
  'card_id',
  'kind',
  'expires_on',
  'lead_day',
  'due_at',
  'status',
  'outbox_id',
  'claim_id',
  'claim_until',
  'created_at',
] as const

type DeliveryColumns = { [K in (typeof DELIVERY_COLUMNS)[number] as `d_${K}`]: DeliveryRow[K] }
type Row = CardRow & DeliveryColumns & Partial<AddressColumns>

/**
 * These deliveries as they stand now, whatever their status, each with its card, and each address once,
 * in one D1 call: one primary-key statement a delivery, joined with its address for an address's first
 * delivery (`perAddress`: how many of `ids` each address has, in order; three lookups then, two for the
 * others). Reading the deliveries (one row each) and then their cards and addresses through json_each
 * (three a card) read four. Without `perAddress`, or when it does not add up, every delivery is read with
 * its address; an address it got wrong is read after (one more call, never a reminder dropped for want
 * of its address). Cards and addresses cascade from deliveries, so every delivery has both.
 */
export async function deliveriesWithMail(
  db: D1Database,
  ids: string[],
  perAddress?: number[],
): Promise<{ deliveries: Delivery[]; mail: MailContext }> {
  const mail: MailContext = { subscribers: new Map(), cards: new Map() }
  if (ids.length === 0) return { deliveries: [], mail }
  const delivery = DELIVERY_COLUMNS.map((col) => `d.${col} AS d_${col}`).join(', ')
  const withAddress = db.prepare(
    `SELECT c.*, ${ADDRESS_COLUMNS}, ${delivery}
     FROM deliveries d JOIN cards c ON c.id = d.card_id JOIN subscribers s ON s.id = d.subscriber_id
     WHERE d.id = ?1`,
  )
  const cardOnly = db.prepare(
    `SELECT c.*, ${delivery} FROM deliveries d JOIN cards c ON c.id = d.card_id WHERE d.id = ?1`,
  )
  const firsts = firstOfEachAddress(ids.length, perAddress)
  const results = await db.batch<Row>(ids.map((id, i) => (firsts.has(i) ? withAddress : cardOnly).bind(id)))
  const deliveries: Delivery[] = []
  for (const r of results.flatMap((result) => result.results)) {
    deliveries.push(toDelivery(deliveryRow(r)))
    if (r.s_email === undefined) mail.cards.set(r.id, cardFromRow(r))
    else addCardWithAddress(mail, r.d_subscriber_id, r as CardRow & AddressColumns)
  }
  const missing = [...new Set(deliveries.map((d) => d.subscriberId))].filter((id) => !mail.subscribers.has(id))
  if (missing.length) await addAddresses(db, mail, missing)
  return { deliveries, mail }
}

/** The indexes of `count` ids that start an address's run by `perAddress`; every index unless it adds up. */
function firstOfEachAddress(count: number, perAddress?: number[]): Set<number> {
  const all = new Set(Array.from({ length: count }, (_, i) => i))
  if (!perAddress || perAddress.some((n) => n < 1)) return all
  const firsts = new Set<number>()
  let i = 0
  for (const n of perAddress) {
    firsts.add(i)
    i += n
  }
  return i === count ? firsts : all
}

/** Reads addresses the deliveries' grouping left out, one primary-key lookup each. */
async function addAddresses(db: D1Database, mail: MailContext, ids: string[]): Promise<void> {
  const byId = db.prepare(`SELECT s.id, ${ADDRESS_COLUMNS} FROM subscribers s WHERE s.id = ?1`)
  const results = await db.batch<AddressColumns & { id: string }>(ids.map((id) => byId.bind(id)))
  for (const r of results.flatMap((result) => result.results)) mail.subscribers.set(r.id, addressFromRow(r.id, r))
}

function deliveryRow(r: Row): DeliveryRow {
  return {
    id: r.d_id,
    occurrence_key: r.d_occurrence_key,
    subscriber_id: r.d_subscriber_id,
    card_id: r.d_card_id,
    kind: r.d_kind,
    expires_on: r.d_expires_on,
    lead_day: r.d_lead_day,
    due_at: r.d_due_at,
    status: r.d_status,
    outbox_id: r.d_outbox_id,
    claim_id: r.d_claim_id,
    claim_until: r.d_claim_until,
    created_at: r.d_created_at,
  }
}

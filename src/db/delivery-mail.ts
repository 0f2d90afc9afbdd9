// A queue message's deliveries with their cards and addresses, read together by primary key.
import type { CardRow } from './card-row'
import {
  ADDRESS_COLUMNS,
  type AddressColumns,
  addCardWithAddress,
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

type Row = CardRow & AddressColumns & { [K in (typeof DELIVERY_COLUMNS)[number] as `d_${K}`]: DeliveryRow[K] }

/**
 * These deliveries as they stand now, whatever their status, each with its card and address, in one D1
 * call: three primary-key lookups per id, where reading the deliveries (one row each) and then their
 * cards and addresses through json_each (three a card) read four. Cards and addresses cascade from
 * deliveries, so every delivery has both.
 */
export async function deliveriesWithMail(
  db: D1Database,
  ids: string[],
): Promise<{ deliveries: Delivery[]; mail: MailContext }> {
  const mail: MailContext = { subscribers: new Map(), cards: new Map() }
  if (ids.length === 0) return { deliveries: [], mail }
  const byId = db.prepare(
    `SELECT c.*, ${ADDRESS_COLUMNS}, ${DELIVERY_COLUMNS.map((col) => `d.${col} AS d_${col}`).join(', ')}
     FROM deliveries d JOIN cards c ON c.id = d.card_id JOIN subscribers s ON s.id = d.subscriber_id
     WHERE d.id = ?1`,
  )
  const results = await db.batch<Row>(ids.map((id) => byId.bind(id)))
  const deliveries: Delivery[] = []
  for (const r of results.flatMap((result) => result.results)) {
    deliveries.push(toDelivery(deliveryRow(r)))
    addCardWithAddress(mail, r.d_subscriber_id, r)
  }
  return { deliveries, mail }
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

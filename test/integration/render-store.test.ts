// Storing a rendered reminder: the email, its body and its deliveries' links go in together or not at all,
// and only while the run's claim still holds every delivery the email is about.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { markEmailedStatements } from '../../src/db/deliveries'
import { insertOutboxIfClaimed } from '../../src/db/reminder-store'
import { rows } from '../helpers/cron'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'

const CLAIM = 'run-1'
const db = env.DB

/** An address with `n` cards, each with one delivery queued and held by CLAIM. */
async function heldDeliveries(n: number): Promise<string[]> {
  const s = await insertSubscriber()
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const card = await insertCard(s.id)
    const id = `d-${s.id}-${i}`
    await db
      .prepare(
        `INSERT INTO deliveries (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status,
           claim_id, claim_until, created_at)
         VALUES (?1, ?2, ?3, ?4, 'reminder', '2027-01-31', 7, 0, 'queued', ?5, 9e15, 0)`,
      )
      .bind(id, `r:${card.id}:2027-01-31:7`, s.id, card.id, CLAIM)
      .run()
    ids.push(id)
  }
  return ids
}

function storeStatements(ids: string[], subscriberId: string, outboxId: string) {
  const message = {
    from: 'a@simkeep.test',
    to: 'b@example.com',
    subject: 'Due',
    html: '<p>x</p>',
    text: 'x',
    headers: {},
  }
  return [
    ...insertOutboxIfClaimed(
      db,
      { id: outboxId, subscriberId, kind: 'reminder', batchKey: 'rem-k', message, now: 1 },
      ids,
      CLAIM,
    ),
    ...markEmailedStatements(db, ids, CLAIM, outboxId),
  ]
}

const subscriberOf = async (id: string) =>
  (await rows<{ subscriber_id: string }>('SELECT subscriber_id FROM deliveries WHERE id = ?1', id))[0]
    ?.subscriber_id as string

describe('storing a rendered reminder', () => {
  beforeEach(clearAll)

  it.each([1, 3, 25])('stores the email, its body and every link when the claim holds all %i deliveries', async (n) => {
    const ids = await heldDeliveries(n)
    await db.batch(storeStatements(ids, await subscriberOf(ids[0] as string), 'o1'))
    expect(await rows('SELECT id FROM outbox')).toEqual([{ id: 'o1' }])
    expect(await rows('SELECT outbox_id FROM outbox_bodies')).toEqual([{ outbox_id: 'o1' }])
    const linked = await rows(
      "SELECT id FROM deliveries WHERE status = 'emailed' AND outbox_id = 'o1' AND claim_id IS NULL",
    )
    expect(linked).toHaveLength(n)
  })

  it.each([
    ['cancelled meanwhile', "UPDATE deliveries SET status = 'cancelled' WHERE id = ?1"],
    ['taken by another run', "UPDATE deliveries SET claim_id = 'run-2' WHERE id = ?1"],
    ['deleted with its card', 'DELETE FROM deliveries WHERE id = ?1'],
  ])('stores nothing, and leaves the others held, when one of three deliveries was %s', async (_, change) => {
    const ids = await heldDeliveries(3)
    const subscriberId = await subscriberOf(ids[0] as string)
    await db.prepare(change).bind(ids[1]).run()
    // The batch succeeds (no foreign-key error from a link to an email never stored)…
    await db.batch(storeStatements(ids, subscriberId, 'o1'))
    // …and stores nothing: the held deliveries stay queued for the claim to run out and a later run to render.
    expect(await rows('SELECT id FROM outbox')).toEqual([])
    expect(await rows('SELECT outbox_id FROM outbox_bodies')).toEqual([])
    const held = await rows<{ id: string }>(
      "SELECT id FROM deliveries WHERE status = 'queued' AND claim_id = ?1 AND outbox_id IS NULL ORDER BY id",
      CLAIM,
    )
    expect(held.map((r) => r.id)).toEqual([ids[0], ids[2]])
  })
})

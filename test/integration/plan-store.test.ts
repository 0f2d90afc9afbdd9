// Storing a planned occurrence: only while the card is still as the planner read it, whichever of the two
// guards the planner uses (a look at the card, or the advance just before it in the same batch).
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { type CardRow, cardFromRow } from '../../src/db/card-row'
import { advanceCardStatement, queueDeliveryStatement } from '../../src/db/due-cards'
import type { Occurrence } from '../../src/domain/types'
import { rows } from '../helpers/cron'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'

const db = env.DB
const DUE = Date.UTC(2027, 0, 24, 1)
const occurrence = (lead: number): Occurrence => ({
  key: `r:card:2027-01-31:${lead}`,
  kind: 'reminder',
  expiresOn: '2027-01-31',
  leadDay: lead,
  dueAt: DUE,
})

/** The card as the planner's read returns it now. */
async function cardSnapshot() {
  const [row] = await rows<CardRow>('SELECT * FROM cards WHERE id = ?1', 'card')
  return cardFromRow(row as CardRow)
}

/** A due card, and the batch the planner writes for it as read (`seen`): the advance, then the queue statement. */
async function plan(seen: { nextDueAt: number; expiresOn: string }, edit?: string) {
  const s = await insertSubscriber()
  const card = await insertCard(s.id, { id: 'card', expiresOn: '2027-01-31', nextDueAt: DUE })
  if (edit) await db.prepare(edit).run()
  const read = { ...card, ...seen }
  return db.batch([
    advanceCardStatement(db, read, { nextDueAt: DUE + 86_400_000, expiresOn: '2027-01-31' }),
    queueDeliveryStatement(db, { id: 'd1', occurrence: occurrence(7), card: read, now: DUE, afterAdvance: true }),
  ])
}

describe('queueing an occurrence after the advance', () => {
  beforeEach(clearAll)

  it('stores it when the card is as the planner read it, and moves the card on', async () => {
    const [advanced, queued] = await plan({ nextDueAt: DUE, expiresOn: '2027-01-31' })
    expect([advanced?.meta.changes, queued?.meta.changes]).toEqual([1, 1])
    expect(await rows('SELECT id, status FROM deliveries')).toEqual([{ id: 'd1', status: 'queued' }])
  })

  it.each([
    ['rescheduled meanwhile', `UPDATE cards SET next_due_at = ${DUE + 3_600_000}`],
    ['renewed meanwhile', "UPDATE cards SET expires_on = '2027-07-30'"],
    ['unscheduled meanwhile', 'UPDATE cards SET next_due_at = NULL'],
  ])('stores nothing when the card was %s', async (_, edit) => {
    const [advanced, queued] = await plan({ nextDueAt: DUE, expiresOn: '2027-01-31' }, edit)
    expect([advanced?.meta.changes, queued?.meta.changes]).toEqual([0, 0])
    expect(await rows('SELECT 1 FROM deliveries')).toEqual([])
  })

  it('stores a repeat of an occurrence once (the UNIQUE key), though the advance applied', async () => {
    await plan({ nextDueAt: DUE, expiresOn: '2027-01-31' })
    // The card is back at the same instant (say, an edit and a reschedule), and is planned again.
    await db.prepare(`UPDATE cards SET next_due_at = ${DUE}`).run()
    const read = { ...(await cardSnapshot()), nextDueAt: DUE }
    const [advanced, queued] = await db.batch([
      advanceCardStatement(db, read, { nextDueAt: null, expiresOn: '2027-01-31' }),
      queueDeliveryStatement(db, { id: 'd2', occurrence: occurrence(7), card: read, now: DUE, afterAdvance: true }),
    ])
    expect([advanced?.meta.changes, queued?.meta.changes]).toEqual([1, 0])
    expect(await rows('SELECT id FROM deliveries')).toEqual([{ id: 'd1' }])
  })
})

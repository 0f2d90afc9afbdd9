// Flat storage: a sent or failed email keeps no body (a waiting one keeps it in outbox_bodies), the purge of old emails keeps pace at any volume,
// and settled deliveries go once their occurrence can no longer be planned again.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { at, rows, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const CONFIRMED = at('2027-01-01T00:00:00Z')
const DUE = at('2027-01-24T01:00:00Z') // E−7 at 09:00 HKT for E = 2027-01-31
const DAY = 86_400_000

beforeEach(clearAll)

describe('what a sent or failed email keeps', () => {
  it('once Resend accepted it: subject, provider id and times, no body', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber()
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    await run(DUE)
    expect(fake.emails).toHaveLength(1)
    const [row] = await rows('SELECT * FROM outbox')
    expect(row).toMatchObject({
      status: 'sent',
      message: '',
      to_email: s.email,
      subject: fake.emails[0]?.subject,
      provider_id: fake.emails[0]?.id,
    })
    expect(row?.sent_at).toBeGreaterThanOrEqual(DUE)
    expect(row?.created_at).toBeGreaterThanOrEqual(DUE)
    expect(await rows('SELECT 1 FROM outbox_bodies')).toHaveLength(0)
  })

  it('a request of several emails marked sent in one statement keeps none of their bodies', async () => {
    const fake = installFakeResend()
    for (let i = 0; i < 3; i++) {
      const s = await insertSubscriber()
      await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    }
    await run(DUE)
    expect(fake.emails).toHaveLength(3)
    expect(await rows("SELECT 1 FROM outbox WHERE status = 'sent'")).toHaveLength(3)
    expect(await rows('SELECT 1 FROM outbox_bodies')).toHaveLength(0)
  })

  it('while it waits, its body is kept apart, deflated, and a retry sends it byte for byte', async () => {
    const fake = installFakeResend()
    // Resend takes the batch but the answer is lost: the email stays pending with its body.
    fake.queue.push('lost-response')
    const s = await insertSubscriber()
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    await run(DUE)
    const [waiting] = await rows(
      `SELECT o.status, o.message, typeof(b.message) AS stored FROM outbox o JOIN outbox_bodies b ON b.outbox_id = o.id`,
    )
    expect(waiting).toMatchObject({ status: 'pending', message: '', stored: 'blob' })
    // The same Idempotency-Key with a different payload would be refused (409) by the fake.
    await run(DUE + 3_600_000)
    expect(fake.log.map((l) => l.status)).toEqual(['lost', 200])
    expect(fake.emails).toHaveLength(1)
    expect(await rows("SELECT 1 FROM outbox WHERE status = 'sent'")).toHaveLength(1)
    expect(await rows('SELECT 1 FROM outbox_bodies')).toHaveLength(0)
  })

  it('refused by Resend: the error, no body', async () => {
    installFakeResend()
    const s = await insertSubscriber({ email: 'not-an-address' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    await run(DUE)
    const [row] = await rows<{ status: string; message: string; last_error: string; subject: string }>(
      'SELECT status, message, last_error, subject FROM outbox',
    )
    expect(row).toMatchObject({ status: 'failed', message: '' })
    expect(row?.last_error).toMatch(/to/)
    expect(row?.subject).toBeTruthy()
    expect(await rows('SELECT 1 FROM outbox_bodies')).toHaveLength(0)
  })
})

/** `n` sent emails (and their settled deliveries) created at `createdAt`, inserted straight into D1. */
async function settled(n: number, createdAt: number, cardId: string, subscriberId: string) {
  const db = env.DB
  const statements: D1PreparedStatement[] = []
  for (let i = 0; i < n; i++) {
    statements.push(
      db
        .prepare(
          `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
             created_at, sent_at, subject, provider_id)
           VALUES (?1, ?2, 'reminder', ?1, 'a@example.com', '', 'sent', 1, ?3, ?3, ?3, 'Subject', 'p')`,
        )
        .bind(`o${createdAt}-${i}`, subscriberId, createdAt),
      db
        .prepare(
          `INSERT INTO deliveries (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at,
             status, outbox_id, created_at)
           VALUES (?1, ?2, ?3, ?4, 'reminder', '2026-01-01', ?5, ?6, 'emailed', ?7, ?6)`,
        )
        .bind(
          `d${createdAt}-${i}`,
          `r:${cardId}:${createdAt}:${i}`,
          subscriberId,
          cardId,
          i,
          createdAt,
          `o${createdAt}-${i}`,
        ),
    )
  }
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500))
}

describe('the purge keeps pace', () => {
  it('deletes every email and delivery past 30 days in one run, however many (was 500 a run)', async () => {
    installFakeResend()
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { nextDueAt: DUE + 30 * DAY, activeFrom: 0 })
    await settled(1_200, DUE - 31 * DAY, card.id, s.id)
    await settled(3, DUE - 10 * DAY, card.id, s.id)
    const { stats } = await run(DUE, { purgeChunk: 500 })
    expect(stats.pruned).toBe(2 * 1_200)
    // The last 30 days stay for support questions.
    expect(await rows('SELECT id FROM outbox')).toHaveLength(3)
    expect(await rows('SELECT id FROM deliveries')).toHaveLength(3)
  })
})

describe('pruning deliveries keeps exactly once', () => {
  it('keeps a settled delivery whose occurrence its card could still plan, and every queued one', async () => {
    installFakeResend()
    const s = await insertSubscriber()
    const old = DUE - 40 * DAY
    // A card whose schedule still lies before its old deliveries (next_due_at and active_from before them):
    // planning could meet those occurrences again, so their keys must stay.
    const early = await insertCard(s.id, { nextDueAt: old - DAY, activeFrom: old - 2 * DAY })
    const moved = await insertCard(s.id, { nextDueAt: DUE + 30 * DAY, activeFrom: 0 })
    const gone = await insertCard(s.id, { nextDueAt: null, activeFrom: 0 })
    await settled(1, old, early.id, s.id)
    await settled(1, old + 1, moved.id, s.id)
    await settled(1, old + 2, gone.id, s.id)
    await env.DB.prepare(
      `INSERT INTO deliveries (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status, created_at)
       VALUES ('q', 'r:q', ?1, ?2, 'reminder', '2027-01-31', 7, ?3, 'queued', ?3)`,
    )
      .bind(s.id, moved.id, old)
      .run()
    // Keep the queued one out of this run's claim: held by another run.
    await env.DB.prepare("UPDATE deliveries SET claim_id = 'other', claim_until = ?1 WHERE id = 'q'")
      .bind(DUE + DAY)
      .run()
    await run(DUE)
    // (The early card is due, so this run also planned a new delivery for it: not one of these.)
    const left = await rows<{ card_id: string; status: string }>(
      'SELECT card_id, status FROM deliveries WHERE created_at <= ?1 ORDER BY id',
      old + 2,
    )
    expect(left).toEqual(
      expect.arrayContaining([
        { card_id: early.id, status: 'emailed' },
        { card_id: moved.id, status: 'queued' },
      ]),
    )
    expect(left).toHaveLength(2)
  })
})

// Migration 0007 rebuilds outbox, deliveries and outbox_bodies on a database with mail in flight: every row,
// every delivery's link to its email and every waiting body must survive, and the CHECKs still refuse.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeSchema } from '../helpers/schema'

const db = env.UPGRADE_DB
const before0007 = env.TEST_MIGRATIONS.filter((m) => Number(m.name.slice(0, 4)) < 7)
const TABLES = ['subscribers', 'cards', 'outbox', 'outbox_bodies', 'deliveries'] as const

async function all(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.prepare(sql).all()).results
}

/** Every row of the tables the rebuild touches (and their parents), in a stable order, bodies as hex. */
async function contents() {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLES) {
    const cols = t === 'outbox_bodies' ? 'outbox_id, typeof(message) AS type, hex(message) AS message' : '*'
    out[t] = await all(`SELECT ${cols} FROM ${t} ORDER BY rowid`)
  }
  return out
}

async function seedMailInFlight() {
  const deflated = new Uint8Array([0xab, 0x56, 0x2a, 0xc9, 0x57, 0xb2, 0x52, 0x4a, 0x04, 0x00])
  await db.batch([
    db.prepare(
      `INSERT INTO subscribers (id, email, locale, timezone, status, created_at, confirmed_at)
       VALUES ('s1', 'a@example.com', 'zh-Hant', 'Asia/Hong_Kong', 'active', 1, 2),
              ('s2', 'b@example.com', 'en', 'Asia/Shanghai', 'active', 1, 2),
              ('s3', 'c@example.com', 'zh-Hans', 'Asia/Hong_Kong', 'pending', 3, NULL)`,
    ),
    db.prepare(
      `INSERT INTO cards (id, subscriber_id, status, label, carrier, expires_on, cycle_days, lead_days, auto_renew,
         balance_check, active_from, next_due_at, created_at, updated_at, renewal_fee_cents)
       VALUES ('c1', 's1', 'active', '中港卡', 'cmhk', '2027-01-31', 180, '[14,7,1]', 0, 'none', 0, 100, 1, 1, NULL),
              ('c2', 's2', 'active', '', '3hk', '2027-02-28', NULL, '[7]', 1, 'monthly', 0, 200, 1, 1, 8800)`,
    ),
    // A reminder waiting to be sent, its body in outbox_bodies (deflated bytes), leased by a run right now.
    db.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
         lease_id, lease_until, created_at, subject)
       VALUES ('o-wait', 's1', 'reminder', 'rem-k-0-0', 'a@example.com', '', 'pending', 1, 50, 'L', 60, 40, '提醒')`,
    ),
    db.prepare(`INSERT INTO outbox_bodies (outbox_id, message) VALUES ('o-wait', ?1)`).bind(deflated),
    // A confirmation waiting with a JSON text body, capped by its mailbox key.
    db.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, next_attempt_at, created_at,
         subject, mailbox_key)
       VALUES ('o-confirm', 's3', 'confirm', 'conf-1', 'c@example.com', '', 'pending', 41, 41, 'Confirm', 'mk')`,
    ),
    db.prepare(`INSERT INTO outbox_bodies (outbox_id, message) VALUES ('o-confirm', '{"to":"c@example.com"}')`),
    // An email stored before 0006 that still holds its body in outbox.message.
    db.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, next_attempt_at, created_at)
       VALUES ('o-old', 's2', 'manage_link', 'ml-1', 'b@example.com', '{"to":"b@example.com"}', 'pending', 5, 5)`,
    ),
    // Sent and failed: no body, what support needs.
    db.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
         provider_id, created_at, sent_at, subject)
       VALUES ('o-sent', 's2', 'reminder', 'rem-j-0-0', 'b@example.com', '', 'sent', 1, 10, 'resend-id', 10, 11, 'Due')`,
    ),
    db.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
         last_error, created_at, subject)
       VALUES ('o-failed', 's1', 'reminder', 'rem-j-0-1', 'a@example.com', '', 'failed', 8, 12, '422 invalid', 12, 'X')`,
    ),
    db.prepare(
      `INSERT INTO deliveries (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status,
         outbox_id, claim_id, claim_until, created_at)
       VALUES ('d-wait', 'r:c1:2027-01-31:14', 's1', 'c1', 'reminder', '2027-01-31', 14, 30, 'emailed', 'o-wait', NULL, NULL, 30),
              ('d-sent', 'b:c2:2027-01', 's2', 'c2', 'balance', NULL, NULL, 9, 'emailed', 'o-sent', NULL, NULL, 9),
              ('d-failed', 'x:c1:2026-12-31', 's1', 'c1', 'expired', '2026-12-31', NULL, 11, 'emailed', 'o-failed', NULL, NULL, 11),
              ('d-cancelled', 'r:c1:2027-01-31:7', 's1', 'c1', 'reminder', '2027-01-31', 7, 31, 'cancelled', NULL, NULL, NULL, 31),
              ('d-queued', 'a:c2:2027-01-31', 's2', 'c2', 'renew_check', '2027-01-31', NULL, 32, 'queued', NULL, 'run', 99, 32),
              ('d-follow', 'f:c2:2027-01-31', 's2', 'c2', 'followup', '2027-01-31', NULL, 33, 'queued', NULL, NULL, NULL, 33)`,
    ),
  ])
}

describe('migration 0007 on a database with mail in flight', () => {
  let seeded: Record<string, unknown[]>
  let after0007: Record<string, unknown[]>

  beforeAll(async () => {
    await applyD1Migrations(db, before0007)
    await seedMailInFlight()
    seeded = await contents()
    // 0007 alone, then the later ones (which may add columns), so the rows are compared as 0007 left them.
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => Number(m.name.slice(0, 4)) <= 7),
    )
    after0007 = await contents()
    await applyD1Migrations(db, env.TEST_MIGRATIONS)
  })

  it('keeps every row, every link from a delivery to its email and every waiting body, byte for byte', async () => {
    expect(seeded.outbox_bodies).toHaveLength(2)
    expect(seeded.deliveries).toHaveLength(6)
    expect(after0007).toEqual(seeded)
    const links = await all(
      'SELECT d.id, o.id AS outbox, o.status FROM deliveries d JOIN outbox o ON o.id = d.outbox_id ORDER BY d.id',
    )
    expect(links).toEqual([
      { id: 'd-failed', outbox: 'o-failed', status: 'failed' },
      { id: 'd-sent', outbox: 'o-sent', status: 'sent' },
      { id: 'd-wait', outbox: 'o-wait', status: 'pending' },
    ])
  })

  it('leaves no broken foreign key, and the same schema a fresh database gets', async () => {
    expect(await all('PRAGMA foreign_key_check')).toEqual([])
    expect(await describeSchema(db)).toEqual(await describeSchema(env.DB))
    const applied = await all('SELECT name FROM d1_migrations ORDER BY id')
    expect(applied.map((r) => r.name)).toEqual(env.TEST_MIGRATIONS.map((m) => m.name))
  })

  it('still refuses a kind or status outside the lists, and NULL', async () => {
    const delivery = (kind: string | null, status: string | null) =>
      db
        .prepare(
          `INSERT INTO deliveries (id, occurrence_key, subscriber_id, card_id, kind, due_at, status, created_at)
           VALUES ('d-bad', 'bad', 's1', 'c1', ?1, 0, ?2, 0)`,
        )
        .bind(kind, status)
        .run()
    const email = (kind: string | null, status: string | null) =>
      db
        .prepare(
          `INSERT INTO outbox (id, kind, batch_key, to_email, message, status, next_attempt_at, created_at)
           VALUES ('o-bad', ?1, 'k', 'a@example.com', '', ?2, 0, 0)`,
        )
        .bind(kind, status)
        .run()
    await expect(delivery('reminders', 'queued')).rejects.toThrow(/CHECK constraint failed/)
    await expect(delivery('reminder', 'sent')).rejects.toThrow(/CHECK constraint failed/)
    await expect(delivery('Reminder', 'queued')).rejects.toThrow(/CHECK constraint failed/)
    await expect(delivery(null, 'queued')).rejects.toThrow(/NOT NULL constraint failed/)
    await expect(email('newsletter', 'pending')).rejects.toThrow(/CHECK constraint failed/)
    await expect(email('reminder', 'queued')).rejects.toThrow(/CHECK constraint failed/)
    await expect(email('reminder', null)).rejects.toThrow(/NOT NULL constraint failed/)
    await expect(db.prepare("UPDATE deliveries SET status = 'emailing' WHERE id = 'd-queued'").run()).rejects.toThrow(
      /CHECK constraint failed/,
    )
    await expect(db.prepare("UPDATE outbox SET status = 'done' WHERE id = 'o-wait'").run()).rejects.toThrow(
      /CHECK constraint failed/,
    )
    // Every value the lists allow is still accepted.
    for (const kind of ['reminder', 'expired', 'followup', 'renew_check', 'balance'])
      for (const status of ['queued', 'emailed', 'cancelled']) {
        await delivery(kind, status)
        await db.prepare("DELETE FROM deliveries WHERE id = 'd-bad'").run()
      }
    for (const kind of ['confirm', 'manage_link', 'reminder'])
      for (const status of ['pending', 'sent', 'failed']) {
        await email(kind, status)
        await db.prepare("DELETE FROM outbox WHERE id = 'o-bad'").run()
      }
  })

  it('keeps the foreign-key actions: deleting an email nulls its deliveries and deletes its body', async () => {
    await db.prepare("DELETE FROM outbox WHERE id = 'o-wait'").run()
    expect(await all("SELECT outbox_id FROM deliveries WHERE id = 'd-wait'")).toEqual([{ outbox_id: null }])
    expect(await all("SELECT 1 FROM outbox_bodies WHERE outbox_id = 'o-wait'")).toEqual([])
    // …and deleting an address still deletes its emails and deliveries.
    await db.prepare("DELETE FROM subscribers WHERE id = 's2'").run()
    expect(await all("SELECT id FROM outbox WHERE subscriber_id = 's2'")).toEqual([])
    expect(await all("SELECT id FROM deliveries WHERE subscriber_id = 's2'")).toEqual([])
  })
})

// Inserts subscribers and cards straight into the test D1, with sensible defaults.
import { env } from 'cloudflare:workers'
import { scheduleFields } from '../../src/domain/activation'
import type { Card, Subscriber } from '../../src/domain/types'
import { enqueueTransactional } from '../../src/mail/outbox'

let seq = 0
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}x${(seq++).toString(36)}`

export type SubscriberFixture = Partial<Subscriber>
export type CardFixture = Partial<Card>

export async function insertSubscriber(s: SubscriberFixture = {}): Promise<Subscriber> {
  const id = s.id ?? nextId('s')
  const row: Subscriber = {
    id,
    email: s.email ?? `${id}@example.com`,
    locale: s.locale ?? 'en',
    timezone: s.timezone ?? 'Asia/Hong_Kong',
    status: s.status ?? 'active',
    createdAt: s.createdAt ?? 0,
    confirmedAt: s.confirmedAt ?? (s.status === 'pending' ? null : 0),
    unsubscribedAt: s.unsubscribedAt ?? null,
    suppressedAt: s.suppressedAt ?? null,
    suppressedReason: s.suppressedReason ?? null,
  }
  await env.DB.prepare(
    `INSERT INTO subscribers (id, email, locale, timezone, status, created_at, confirmed_at, unsubscribed_at,
       suppressed_at, suppressed_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
  )
    .bind(
      row.id,
      row.email,
      row.locale,
      row.timezone,
      row.status,
      row.createdAt,
      row.confirmedAt,
      row.unsubscribedAt,
      row.suppressedAt,
      row.suppressedReason,
    )
    .run()
  return row
}

/** Inserts a card as given; next_due_at is whatever the caller passes (see scheduleCard). */
export async function insertCard(subscriberId: string, c: CardFixture = {}): Promise<Card> {
  const row: Card = {
    id: c.id ?? nextId('c'),
    subscriberId,
    status: c.status ?? 'active',
    label: c.label ?? 'CMHK 中港卡',
    carrier: c.carrier === undefined ? 'cmhk' : c.carrier,
    expiresOn: c.expiresOn ?? '2027-01-31',
    cycleDays: c.cycleDays === undefined ? 180 : c.cycleDays,
    leadDays: c.leadDays ?? [14, 7, 1],
    autoRenew: c.autoRenew ?? false,
    renewalFeeCents: c.renewalFeeCents ?? null,
    balanceCheck: c.balanceCheck ?? 'none',
    activeFrom: c.activeFrom === undefined ? 0 : c.activeFrom,
    nextDueAt: c.nextDueAt === undefined ? null : c.nextDueAt,
    editedAt: c.editedAt ?? null,
    createdAt: c.createdAt ?? 0,
    updatedAt: c.updatedAt ?? 0,
  }
  await env.DB.prepare(
    `INSERT INTO cards (id, subscriber_id, status, label, carrier, expires_on, cycle_days, lead_days, auto_renew,
       balance_check, active_from, next_due_at, created_at, updated_at, renewal_fee_cents, edited_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`,
  )
    .bind(
      row.id,
      row.subscriberId,
      row.status,
      row.label,
      row.carrier,
      row.expiresOn,
      row.cycleDays,
      JSON.stringify(row.leadDays),
      row.autoRenew ? 1 : 0,
      row.balanceCheck,
      row.activeFrom,
      row.nextDueAt,
      row.createdAt,
      row.updatedAt,
      row.renewalFeeCents,
      row.editedAt,
    )
    .run()
  return row
}

/** Empties every table the scheduler touches, so each test starts from nothing. */
export async function clearAll(): Promise<void> {
  const db = env.DB
  await db.batch(
    [
      'deliveries',
      'outbox_bodies',
      'outbox',
      'cards',
      'subscribers',
      'webhook_events',
      'dev_mailbox',
      'rate_limits',
      'cron_runs',
      'mail_daily',
    ].map((t) => db.prepare(`DELETE FROM ${t}`)),
  )
}

/** A confirmed card as the confirm route stores it: active from `confirmedAt`, next_due_at planned. */
export async function insertScheduledCard(
  subscriber: Subscriber,
  c: CardFixture,
  confirmedAt: number,
  sendHour = 9,
): Promise<Card> {
  const base = await insertCard(subscriber.id, { ...c, nextDueAt: null })
  const f = scheduleFields(base, subscriber.timezone, sendHour, confirmedAt)
  await env.DB.prepare('UPDATE cards SET active_from = ?2, next_due_at = ?3, expires_on = ?4 WHERE id = ?1')
    .bind(base.id, f.activeFrom, f.nextDueAt, f.expiresOn)
    .run()
  return { ...base, activeFrom: f.activeFrom, nextDueAt: f.nextDueAt, expiresOn: f.expiresOn }
}

/** `n` pending sign-ups, each with a confirmation email waiting in the outbox (its own batch: one request). */
export async function queuedConfirmations(n: number, at: number): Promise<Subscriber[]> {
  const subs: Subscriber[] = []
  for (let i = 0; i < n; i++) {
    const s = await insertSubscriber({ status: 'pending', createdAt: at })
    await enqueueTransactional(env.DB, {
      subscriberId: s.id,
      kind: 'confirm',
      message: {
        from: 'SIMKeep <remind@mail.simkeep.test>',
        to: s.email,
        subject: 'Confirm',
        html: '<p>x</p>',
        text: 'x',
        headers: {},
      },
      now: at,
    })
    subs.push(s)
  }
  return subs
}

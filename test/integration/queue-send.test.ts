// The Queues send path (SEND_QUEUE): the cron plans and enqueues ids, the Worker's `queue` handler renders
// and sends; redelivered messages, a consumer killed mid-message and a message that dies for good all end
// with every email accepted exactly once.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { runScheduler } from '../../src/cron/run'
import type { SendMessage } from '../../src/domain/send-message'
import type { Env } from '../../src/env'
import worker from '../../src/index'
import { rows } from '../helpers/cron'
import { CONFIRMED, DUE, dueSubscribers, recipients } from '../helpers/due-addresses'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'
import { recordingQueue } from '../helpers/recording-queue'
import { watchD1 } from '../helpers/watch-d1'

const MIN = 60_000

/** A D1 binding whose calls fail from the `n`-th on: a consumer killed at that point. */
function dyingAt(db: D1Database, n: number): D1Database {
  let calls = 0
  return watchD1(db, {
    before: () => {
      if (++calls >= n) throw new Error('killed')
    },
  })
}

/** Delivers messages to the Worker's queue handler; `delays` has each retry's delaySeconds (getQueueResult keeps none). */
async function consume(messages: SendMessage[], runEnv: Env = env as Env) {
  const batch = createMessageBatch<SendMessage>(
    'simkeep-send',
    messages.map((body, i) => ({ id: `m${i}`, timestamp: Date.now(), attempts: 1, body })),
  )
  const delays: Array<number | undefined> = []
  for (const m of batch.messages) {
    const retry = m.retry.bind(m)
    vi.spyOn(m, 'retry').mockImplementation((options?: QueueRetryOptions) => {
      delays.push(options?.delaySeconds)
      retry(options)
    })
  }
  const ctx = createExecutionContext()
  await worker.queue(batch as MessageBatch<unknown>, runEnv, ctx)
  return { ...(await getQueueResult(batch, ctx)), delays }
}

const paid = (extra: Partial<Env> = {}): Env => ({ ...(env as Env), WORKERS_PLAN: 'paid', ...extra })

/** A cron run at DUE with the queue that dies right after planning, before it enqueues anything. */
async function killedAfterPlanning(queue: Queue<SendMessage>): Promise<void> {
  const dies = runScheduler(paid({ SEND_QUEUE: queue }), {
    now: DUE,
    onStage: (stage) => {
      if (stage === 'planned') throw new Error('killed')
    },
  })
  await expect(dies).rejects.toThrow('killed')
}

beforeEach(clearAll)

describe('with SEND_QUEUE', () => {
  it('the cron plans and enqueues ids only; the consumer sends /emails/batch of up to 100, each address once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(150)
    const { queue, sent } = recordingQueue()
    const stats = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    expect(stats).toMatchObject({ due: 150, enqueued: 150, rendered: 0, sent: 0, stopped: null })
    expect(fake.emails).toHaveLength(0)
    expect(sent.map((m) => m.deliveryIds.length)).toEqual([100, 50])
    for (const m of sent) {
      expect(Object.keys(m).sort()).toEqual(['claimId', 'deliveryIds', 'page', 'perAddress', 'plannedAt'])
      expect(JSON.stringify(m).length).toBeLessThan(128 * 1024)
    }

    const result = await consume(sent, paid())
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1'])
    expect(fake.log.map((l) => l.count)).toEqual([100, 50])
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())

    // Delivered again (Queues deliver at least once): nothing more goes out.
    const again = await consume(sent, paid())
    expect(again.explicitAcks.sort()).toEqual(['m0', 'm1'])
    expect(fake.emails).toHaveLength(150)
    // The cron, later, finds nothing left to send either.
    const later = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 30 * MIN })
    expect(later).toMatchObject({ due: 0, enqueued: 0, sent: 0 })
    expect(fake.emails).toHaveLength(150)
  })

  it("an address's cards go in one email; a wrong or missing per-address hint costs a read, never a reminder", async () => {
    const fake = installFakeResend()
    for (const perAddress of ['as sent', [3], undefined, [1, 1, 1], [2, 2]] as const) {
      await clearAll()
      fake.reset()
      const two = await insertSubscriber({ email: 'two-cards@example.com' })
      await insertScheduledCard(two, { expiresOn: '2027-01-31', leadDays: [7], label: 'First' }, CONFIRMED)
      await insertScheduledCard(two, { expiresOn: '2027-01-31', leadDays: [7], label: 'Second' }, CONFIRMED)
      const one = await insertSubscriber({ email: 'one-card@example.com' })
      await insertScheduledCard(one, { expiresOn: '2027-01-31', leadDays: [7], label: 'Only' }, CONFIRMED)
      const { queue, sent } = recordingQueue()
      await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
      expect(sent.map((m) => m.perAddress)).toEqual([[2, 1]])
      const hinted =
        perAddress === 'as sent' ? sent : sent.map((m) => ({ ...m, perAddress: perAddress && [...perAddress] }))
      const result = await consume(hinted)
      expect(result.explicitAcks, String(perAddress)).toEqual(['m0'])
      const emails = fake.emails.map((e) => ({
        to: e.to[0],
        cards: ['First', 'Second', 'Only'].filter((label) => e.text?.includes(label)),
      }))
      expect(
        emails.sort((a, b) => String(a.to).localeCompare(String(b.to))),
        String(perAddress),
      ).toEqual([
        { to: 'one-card@example.com', cards: ['Only'] },
        { to: 'two-cards@example.com', cards: ['First', 'Second'] },
      ])
    }
  })

  it('one run plans and enqueues a burst of more than 100 pages of due cards (a 100k burst is 200 pages of 500)', async () => {
    installFakeResend()
    await dueSubscribers(130)
    const { queue, sent } = recordingQueue()
    // Pages of one card: 130 pages, where 100k due at the queue's 500 a page take 200.
    const stats = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE, pageSize: 1 })
    expect(stats).toMatchObject({ due: 130, enqueued: 130, stopped: null })
    expect(sent.flatMap((m) => m.deliveryIds)).toHaveLength(130)
  })

  it('on the Free plan a run enqueues at most its cap (100 cards, 20 addresses a message); the next run the rest', async () => {
    installFakeResend()
    await dueSubscribers(130)
    const { queue, sent } = recordingQueue()
    const free = { ...(env as Env), WORKERS_PLAN: 'free', SEND_QUEUE: queue }
    const first = await runScheduler(free, { now: DUE })
    expect(first).toMatchObject({ due: 100, enqueued: 100, stopped: 'emails' })
    expect(first.d1Calls).toBeLessThanOrEqual(45)
    expect(sent.map((m) => m.deliveryIds.length)).toEqual([20, 20, 20, 20, 20])
    expect(sent.map((m) => m.page)).toEqual([0, 1, 2, 3, 4])
    const next = await runScheduler(free, { now: DUE + 15 * MIN })
    expect(next).toMatchObject({ due: 30, enqueued: 30, stopped: null })
    const ids = sent.flatMap((m) => m.deliveryIds)
    expect(new Set(ids).size).toBe(130)
  })

  it('a consumer killed mid-message is retried, and the redelivery sends each email once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(5)
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    // Dies at its 3rd D1 call (its deliveries with their cards and addresses, the store, the lease): after
    // rendering and storing the emails, before sending them.
    const killed = await consume(sent, paid({ DB: dyingAt(env.DB, 3) }))
    expect(killed.retryMessages.map((r) => r.msgId)).toEqual(['m0'])
    expect(fake.emails).toHaveLength(0)
    const stored = await rows<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")
    expect(stored[0]?.n).toBe(5)

    const redelivered = await consume(sent, paid())
    expect(redelivered.explicitAcks).toEqual(['m0'])
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
  })

  it('a batch a killed attempt started stays whole with its lease: the redelivery sends none of it, the cron settles it once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(4)
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    // Dies at its 4th D1 call, recording what Resend accepted: the batch was started and is at Resend.
    const killed = await consume(sent, paid({ DB: dyingAt(env.DB, 4) }))
    expect(killed.retryMessages.map((r) => r.msgId)).toEqual(['m0'])
    expect(fake.emails).toHaveLength(4)
    // Part of that batch under the same Idempotency-Key would be another request (409 at Resend).
    const redelivered = await consume(sent, paid())
    expect(redelivered.explicitAcks).toEqual(['m0'])
    expect(fake.log.filter((r) => r.path === '/emails/batch')).toHaveLength(1)
    // Once the lease lapses, the cron's retry replays the same key and records them sent.
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 20 * MIN })
    expect(fake.log.filter((r) => r.path === '/emails/batch').map((r) => r.status)).toEqual([200, 200])
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    expect(await rows('SELECT DISTINCT status FROM outbox')).toEqual([{ status: 'sent' }])
  })

  it('two attempts of one message at once: one sends its emails in one request, the other none', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(4)
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    // The second attempt runs whole while the first, its emails stored, is about to start their batch.
    let calls = 0
    const paused = watchD1(env.DB, {
      before: async () => {
        if (++calls === 3) await consume(sent, paid())
      },
    })
    const first = await consume(sent, paid({ DB: paused }))
    expect(first.explicitAcks).toEqual(['m0'])
    expect(fake.log.filter((r) => r.path === '/emails/batch')).toHaveLength(1)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    expect(await rows('SELECT DISTINCT status FROM outbox')).toEqual([{ status: 'sent' }])
  })

  it('a message that dies for good (dead-letter queue) loses nothing: the cron sends its emails from the outbox', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3)
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    await consume(sent, paid({ DB: dyingAt(env.DB, 3) }))
    // Never delivered again. Within the grace period the cron leaves the consumer's emails alone...
    const early = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 5 * MIN })
    expect(early.sent).toBe(0)
    // ...after it, it sends them itself, once.
    const late = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 20 * MIN })
    expect(late.sent).toBe(3)
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 40 * MIN })
    expect(fake.emails).toHaveLength(3)
  })

  it('a run that dies between planning and enqueueing loses nothing: once its hold lapses a later run enqueues each delivery once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(3)
    const { queue, sent } = recordingQueue()
    await killedAfterPlanning(queue)
    expect(sent).toHaveLength(0)
    // Planned and held by the dead run: a run within its hold neither plans them again nor claims them.
    const early = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 15 * MIN })
    expect(early).toMatchObject({ due: 0, enqueued: 0, sent: 0 })
    expect(sent).toHaveLength(0)
    // Once the hold (QUEUE_CLAIM_MS, an hour) has lapsed, the next run claims and enqueues them.
    const late = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 75 * MIN })
    expect(late).toMatchObject({ due: 0, enqueued: 3, stopped: null })
    expect(sent.flatMap((m) => m.deliveryIds)).toHaveLength(3)
    await consume(sent, paid())
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    const after = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 105 * MIN })
    expect(after).toMatchObject({ due: 0, enqueued: 0, sent: 0 })
    expect(fake.emails).toHaveLength(3)
  })

  it('a run enqueues what it planned, then what an earlier run left behind, under one claim; each sent once', async () => {
    const fake = installFakeResend()
    const left = await dueSubscribers(3)
    const { queue, sent } = recordingQueue()
    await killedAfterPlanning(queue)
    // Due a day later, when the dead run's hold has long lapsed.
    const fresh = []
    for (let i = 0; i < 2; i++) {
      const s = await insertSubscriber()
      await insertScheduledCard(s, { expiresOn: '2027-02-01', leadDays: [7] }, CONFIRMED)
      fresh.push(s)
    }
    const next = await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 24 * 60 * MIN })
    expect(next).toMatchObject({ due: 2, enqueued: 5, stopped: null })
    expect(sent.map((m) => [m.page, m.deliveryIds.length])).toEqual([
      [0, 2],
      [1, 3],
    ])
    expect(new Set(sent.map((m) => m.claimId)).size).toBe(1)
    await consume(sent, paid())
    expect(recipients(fake)).toEqual([...left, ...fresh].map((s) => s.email).sort())
  })

  it('an address Resend rejects within an accepted batch is marked failed; the others are recorded sent, once', async () => {
    const fake = installFakeResend()
    const subs = await dueSubscribers(4)
    // Resend's own check refuses it (no dot in the domain); the batch is accepted with one error.
    await env.DB.prepare('UPDATE subscribers SET email = ?1 WHERE id = ?2').bind('nodot@example', subs[1]?.id).run()
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    const result = await consume(sent, paid())
    expect(result.explicitAcks).toEqual(['m0'])
    expect(fake.emails).toHaveLength(3)
    const outbox = await rows<{ to_email: string; status: string; provider_id: string | null; message: string }>(
      'SELECT to_email, status, provider_id, message FROM outbox ORDER BY to_email',
    )
    expect(outbox.map((r) => [r.to_email, r.status])).toEqual(
      [...subs.map((s, i) => [i === 1 ? 'nodot@example' : s.email, i === 1 ? 'failed' : 'sent'])].sort((a, b) =>
        String(a[0]).localeCompare(String(b[0])),
      ),
    )
    // Each sent row carries its own provider id, and no row keeps its body.
    const ids = outbox.filter((r) => r.status === 'sent').map((r) => r.provider_id)
    expect(new Set(ids).size).toBe(3)
    expect(outbox.every((r) => r.message === '')).toBe(true)
    await consume(sent, paid())
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 30 * MIN })
    expect(fake.emails).toHaveLength(3)
  })

  it('a lost answer from Resend is settled by the same Idempotency-Key: not doubled', async () => {
    const fake = installFakeResend()
    await dueSubscribers(4)
    fake.queue.push('lost-response')
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    await consume(sent, paid())
    expect(fake.emails).toHaveLength(4)
    // The outbox still thinks they wait; the cron's retry replays the same key and records them sent.
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE + 20 * MIN })
    await consume(sent, paid())
    expect(fake.emails).toHaveLength(4)
    const left = await rows<{ status: string }>('SELECT DISTINCT status FROM outbox')
    expect(left).toEqual([{ status: 'sent' }])
  })

  it("paces by Resend's rate headers across the messages of one invocation: no request is spent on a 429", async () => {
    const fake = installFakeResend({ rateLimit: 2, rateWindowMs: 1000 })
    const subs = await dueSubscribers(250)
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    expect(sent.map((m) => m.deliveryIds.length)).toEqual([100, 100, 50])
    const result = await consume(sent, paid())
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2'])
    expect(recipients(fake)).toEqual(subs.map((s) => s.email).sort())
    // The first two requests empty the window; the third message waits for its reset instead of a 429.
    expect(fake.log.map((l) => l.status)).toEqual([200, 200, 200])
  })

  it('a 429 with a retry-after longer than the invocation hands the wait to Queues: retry({ delaySeconds })', async () => {
    const fake = installFakeResend()
    await dueSubscribers(2)
    fake.queue.push({ status: 429, retryAfterSeconds: 200 })
    const { queue, sent } = recordingQueue()
    await runScheduler(paid({ SEND_QUEUE: queue }), { now: DUE })
    const first = await consume(sent, paid())
    expect(first.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(first.delays).toEqual([200])
    expect(fake.emails).toHaveLength(0)
    const second = await consume(sent, paid())
    expect(second.explicitAcks).toEqual(['m0'])
    expect(fake.emails).toHaveLength(2)
  })
})

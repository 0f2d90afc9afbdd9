// Rows read per due reminder in a busy run over a realistic waiting set, and in an idle run, from the run log.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { runScheduler } from '../../src/cron/run'
import type { SendMessage } from '../../src/domain/send-message'
import type { Env } from '../../src/env'
import worker from '../../src/index'
import { at, rows, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll } from '../helpers/fixtures'
import { recordingQueue } from '../helpers/recording-queue'

const DUE = at('2027-01-24T01:00:00Z') // E−7 at 09:00 HKT for E = 2027-01-31
const LATER = at('2027-12-24T01:00:00Z')
const SUBSCRIBERS = 4_000
/** Every 10th address has a card due now (400), every 50th a second one (80 more, same email). */
const DUE_EVERY = 10
const SECOND_EVERY = 50
const PAID = { maxEmails: 5_000, maxD1Calls: 900, maxSubrequests: 500 }

/**
 * Rows read per due reminder: the target is 10 (issue 11), met: 8.9 here, held under 9 so that neither
 * it nor the lease statement per email (0.83) can come back. 9.7 before the render stage stored each
 * email already held by the run (the send stage starts a batch with one row read, not one an email);
 * 21.0 before migration 0007 wrote the CHECKs on deliveries and outbox as OR chains (−5.5), an email's
 * deliveries were checked and linked one key lookup each (−2.8), the run rendered from the cards and
 * addresses it read when planning (−1.2), a card's one occurrence was queued on its advance (−1.0) and
 * the due pages after the first stopped sorting (−0.8); ~39 before the send stage leased by id.
 */
const MAX_ROWS_PER_DUE = 9
/**
 * The Queues path: the cron's planning plus the consumer's render, lease and send. Target 10 (issue 11),
 * met: 9.9 here. 10.9 before the consumer stored its emails already held under the message's hold and
 * started each batch with one row read instead of leasing every email (−0.8) and read each address once
 * (−0.2); 11.9 before it read its deliveries with their cards and addresses in one key lookup each
 * (−1.0), 19.5 before the cron enqueued what it planned already held by its claim instead of claiming it
 * again through the subscriber index (−7.6), 25.7 before the consumer read its deliveries and leased its
 * emails by primary key instead of through json_each lists.
 */
const MAX_QUEUE_ROWS_PER_DUE = 10

/** A run with nothing due: the purge with its backlog look, and the due select (12 here; 20 before). */
const MAX_IDLE_ROWS = 18

/** SUBSCRIBERS addresses with one card each, most waiting months; a few with a second card. */
async function seed() {
  const db = env.DB
  await db
    .prepare(
      `WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < ?1 - 1)
       INSERT INTO subscribers (id, email, locale, timezone, status, created_at, confirmed_at)
       SELECT 's' || n, 's' || n || '@example.com', 'en', 'Asia/Hong_Kong', 'active', 0, 0 FROM i`,
    )
    .bind(SUBSCRIBERS)
    .run()
  await db
    .prepare(
      `WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < ?1 - 1)
       INSERT INTO cards (id, subscriber_id, status, expires_on, lead_days, active_from, next_due_at, created_at, updated_at)
       SELECT 'c' || n, 's' || n, 'active', iif(n % ?2 = 0, '2027-01-31', '2027-12-31'), '[7]', 0,
         iif(n % ?2 = 0, ?3, ?4), 0, 0 FROM i
       UNION ALL
       SELECT 'd' || n, 's' || n, 'active', '2027-01-31', '[7]', 0, ?3, 0, 0 FROM i WHERE n % ?5 = 0`,
    )
    .bind(SUBSCRIBERS, DUE_EVERY, DUE, LATER, SECOND_EVERY)
    .run()
}

beforeEach(clearAll)

describe('rows read', () => {
  it('a busy run reads a bounded number of rows per due reminder; an idle run reads a handful', async () => {
    const fake = installFakeResend()
    await seed()
    const idleBefore = await run(DUE - 15 * 60_000, PAID)
    expect(idleBefore.stats).toMatchObject({ due: 0, sent: 0 })
    expect(idleBefore.stats.rowsRead).toBeLessThanOrEqual(MAX_IDLE_ROWS)

    const busy = await run(DUE, PAID)
    const due = SUBSCRIBERS / DUE_EVERY + SUBSCRIBERS / SECOND_EVERY
    const addresses = SUBSCRIBERS / DUE_EVERY
    expect(busy.stats).toMatchObject({ due, sent: addresses, rendered: addresses, stopped: null })
    // One email per address, both cards of an address in it.
    expect(fake.emails).toHaveLength(addresses)
    expect(new Set(fake.emails.flatMap((e) => e.to)).size).toBe(addresses)
    const perDue = busy.stats.rowsRead / due
    console.log(JSON.stringify({ rowsRead: busy.stats.rowsRead, due, perDue, idle: idleBefore.stats.rowsRead }))
    expect(perDue).toBeLessThanOrEqual(MAX_ROWS_PER_DUE)

    // Nothing is left behind, and the next run is idle again.
    expect(await rows("SELECT 1 FROM deliveries WHERE status = 'queued'")).toHaveLength(0)
    const idleAfter = await run(DUE + 15 * 60_000, PAID)
    expect(idleAfter.stats).toMatchObject({ due: 0, sent: 0 })
    expect(idleAfter.stats.rowsRead).toBeLessThanOrEqual(MAX_IDLE_ROWS)
    expect(fake.emails).toHaveLength(addresses)
  })

  it('on the Queues path, the cron and the consumer together read a bounded number of rows per due reminder', async () => {
    const fake = installFakeResend()
    await seed()
    const { queue, sent } = recordingQueue()
    const paid = { ...(env as Env), WORKERS_PLAN: 'paid', SEND_QUEUE: queue }
    const due = SUBSCRIBERS / DUE_EVERY + SUBSCRIBERS / SECOND_EVERY
    const addresses = SUBSCRIBERS / DUE_EVERY

    const cron = await runScheduler(paid, { now: DUE })
    expect(cron).toMatchObject({ due, enqueued: addresses, sent: 0 })

    // The consumer's own count is in its run log (a Worker's queue handler returns nothing).
    const logged: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      logged.push(String(line))
    })
    const batch = createMessageBatch<SendMessage>(
      'simkeep-send',
      sent.map((body, i) => ({ id: `m${i}`, timestamp: DUE, attempts: 1, body })),
    )
    const ctx = createExecutionContext()
    await worker.queue(batch as MessageBatch<unknown>, paid, ctx)
    const result = await getQueueResult(batch, ctx)
    log.mockRestore()
    expect(result.retryMessages).toHaveLength(0)
    expect(fake.emails).toHaveLength(addresses)
    const consumer = logged
      .filter((l) => l.includes('"queue_run"'))
      .map((l) => JSON.parse(l) as { rowsRead: number; sent: number })
    expect(consumer).toHaveLength(1)
    const perDue = (cron.rowsRead + (consumer[0]?.rowsRead ?? 0)) / due
    console.log(JSON.stringify({ cronRows: cron.rowsRead, consumerRows: consumer[0]?.rowsRead, due, perDue }))
    expect(perDue).toBeLessThanOrEqual(MAX_QUEUE_ROWS_PER_DUE)
  })
})

// Unsubscribing stops (a bounce too: webhooks.test.ts) a reminder that was already rendered but not yet sent; a batch
// already tried keeps its exact body, since its Idempotency-Key may already stand for it at Resend.
import { beforeEach, describe, expect, it } from 'vitest'
import { at, rows, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'
import { post, token } from '../helpers/web'

const CONFIRMED = at('2027-01-01T00:00:00Z')
const DUE = at('2027-01-24T01:00:00Z') // E−7 at 09:00 HKT for E = 2027-01-31
const MIN = 60_000

beforeEach(clearAll)

async function twoDue() {
  const leaving = await insertSubscriber({ email: 'leaving@example.com' })
  const staying = await insertSubscriber({ email: 'staying@example.com' })
  for (const s of [leaving, staying])
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
  return { leaving, staying }
}

/** A run that renders both emails into the outbox (one batch) and dies before sending. */
async function renderOnly() {
  await expect(
    run(DUE, {
      onStage: (stage) => {
        if (stage === 'rendered') throw new Error('killed after rendering')
      },
    }),
  ).rejects.toThrow('killed after rendering')
  const pending = await rows<{ to_email: string }>("SELECT to_email FROM outbox WHERE status = 'pending'")
  expect(pending.map((r) => r.to_email).sort()).toEqual(['leaving@example.com', 'staying@example.com'])
}

const recipients = (fake: { emails: Array<{ to: string[] }> }) => fake.emails.flatMap((e) => e.to).sort()

describe('a reminder rendered but not yet sent', () => {
  it('is withdrawn when its address unsubscribes by one-click; the others in its batch still go', async () => {
    const fake = installFakeResend()
    const { leaving } = await twoDue()
    await renderOnly()

    const res = await post(`/unsubscribe/${await token('unsubscribe', leaving.id)}`, {
      'List-Unsubscribe': 'One-Click',
    })
    expect(res.status).toBe(200)
    // The withdrawn email's body goes with it; the other one waits with its body.
    const bodies = 'SELECT o.to_email FROM outbox_bodies b JOIN outbox o ON o.id = b.outbox_id'
    expect(await rows(bodies)).toEqual([{ to_email: 'staying@example.com' }])

    await run(DUE + 15 * MIN)
    expect(recipients(fake)).toEqual(['staying@example.com'])
    expect(await rows(bodies)).toEqual([])
    const [row] = await rows<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM outbox WHERE to_email = ?1',
      'leaving@example.com',
    )
    expect(row).toEqual({ status: 'failed', last_error: 'withdrawn: unsubscribed' })
    // And nothing later either.
    await run(DUE + 30 * MIN)
    expect(recipients(fake)).toEqual(['staying@example.com'])
  })

  it('is withdrawn between rendering and sending in the same run; the rest of its batch goes in that run', async () => {
    const fake = installFakeResend()
    const { leaving } = await twoDue()
    const { stats } = await run(DUE, {
      onStage: async (stage) => {
        if (stage !== 'rendered') return
        await post(`/unsubscribe/${await token('unsubscribe', leaving.id)}`, { 'List-Unsubscribe': 'One-Click' })
      },
    })
    expect(recipients(fake)).toEqual(['staying@example.com'])
    expect(stats).toMatchObject({ sent: 1, stopped: null })
    await run(DUE + 15 * MIN)
    expect(recipients(fake)).toEqual(['staying@example.com'])
  })

  it('is kept once the run has started sending its batch: it goes, recorded sent, and no other run takes it', async () => {
    const fake = installFakeResend()
    const { leaving } = await twoDue()
    let other: Awaited<ReturnType<typeof run>> | null = null
    const { stats } = await run(DUE, {
      onStage: async (stage) => {
        if (stage !== 'leased' || other) return
        await post(`/unsubscribe/${await token('unsubscribe', leaving.id)}`, { 'List-Unsubscribe': 'One-Click' })
        other = await run(DUE + MIN)
      },
    })
    expect(other).toMatchObject({ stats: { sent: 0 } })
    expect(stats).toMatchObject({ sent: 2, stopped: null })
    expect(recipients(fake)).toEqual(['leaving@example.com', 'staying@example.com'])
    const statuses = await rows<{ status: string }>('SELECT status FROM outbox')
    expect(statuses).toEqual([{ status: 'sent' }, { status: 'sent' }])
    await run(DUE + 15 * MIN)
    expect(fake.emails).toHaveLength(2)
  })

  it('is kept, byte for byte, once its batch has been tried: the retry is the same request', async () => {
    const fake = installFakeResend()
    const { leaving } = await twoDue()
    await renderOnly()
    fake.queue.push({ status: 500 })
    const first = await run(DUE + 15 * MIN)
    expect(first.stats.sent).toBe(0)
    expect(fake.log).toHaveLength(1)

    await post(`/unsubscribe/${await token('unsubscribe', leaving.id)}`, { 'List-Unsubscribe': 'One-Click' })

    await run(DUE + 30 * MIN)
    expect(fake.log).toHaveLength(2)
    expect(fake.log[1]?.key).toBe(fake.log[0]?.key)
    expect(recipients(fake)).toEqual(['leaving@example.com', 'staying@example.com'])
  })
})

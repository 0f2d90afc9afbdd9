// The local dev mailbox (dev_mailbox) holds copies of mail with working links: "delete all my data"
// removes the address's copies, and the cron purges every copy after 30 days, like the outbox.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { createDevMailboxTransport } from '../../src/mail/dev-mailbox'
import { rows, run } from '../helpers/cron'
import { clearAll, insertSubscriber } from '../helpers/fixtures'
import { post, token } from '../helpers/web'

const from = 'SIMKeep <remind@localhost>'
const mail = (to: string) => ({ from, to, subject: 'Confirm', html: '<p>x</p>', text: 'x', headers: {} })

async function store(to: string, key: string, when: number) {
  const result = await createDevMailboxTransport(env.DB, () => when).sendBatch([mail(to)], key)
  if (!result.ok) throw new Error('dev_mailbox insert failed')
}

beforeEach(clearAll)

describe('dev_mailbox retention', () => {
  it('"delete all my data" deletes the dev mailbox copies for that address, and only those', async () => {
    const s = await insertSubscriber({ email: 'gone@example.com' })
    await store('gone@example.com', 'k1', Date.now())
    await store('Gone@Example.com', 'k2', Date.now())
    await store('stays@example.com', 'k3', Date.now())
    const res = await post(`/manage/${await token('manage', s.id)}/delete`)
    expect(res.status).toBe(200)
    expect(await rows('SELECT to_email FROM dev_mailbox')).toEqual([{ to_email: 'stays@example.com' }])
  })

  it('the cron purges copies older than 30 days', async () => {
    const now = Date.now()
    await store('a@example.com', 'old', now - 31 * 86_400_000)
    await store('a@example.com', 'recent', now - 29 * 86_400_000)
    await run(now)
    expect(await rows('SELECT idempotency_key FROM dev_mailbox')).toEqual([{ idempotency_key: 'recent' }])
  })

  it('a cron fired weeks ahead (trying reminders locally) keeps the mail received today', async () => {
    await store('a@example.com', 'confirmation', Date.now())
    await run(Date.now() + 40 * 86_400_000)
    expect(await rows('SELECT idempotency_key FROM dev_mailbox')).toEqual([{ idempotency_key: 'confirmation' }])
  })
})

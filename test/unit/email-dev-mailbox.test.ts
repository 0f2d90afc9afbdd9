// The dev mailbox transport stores mail in D1 once per (idempotency key, position).
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from '../../src/domain/types'
import { createDevMailboxTransport } from '../../src/mail/dev-mailbox'

const message = (to: string): OutgoingMessage => ({
  from: 'SIMKeep <remind@mail.simkeep.test>',
  to,
  subject: `Hello ${to}`,
  html: '<p>hi</p>',
  text: 'hi',
  headers: { 'List-Unsubscribe': '<https://simkeep.test/unsubscribe/t>' },
})

async function count(key: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM dev_mailbox WHERE idempotency_key = ?')
    .bind(key)
    .first<{ n: number }>()
  return row?.n ?? 0
}

describe('createDevMailboxTransport', () => {
  beforeEach(async () => {
    await env.DB.prepare('DELETE FROM dev_mailbox').run()
  })

  it('stores every message of a batch and answers ok with one id each', async () => {
    const transport = createDevMailboxTransport(env.DB, () => 1_800_000_000_000)
    expect(transport.name).toBe('dev-mailbox')
    const result = await transport.sendBatch([message('a@example.com'), message('b@example.com')], 'batch-1')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.ids).toHaveLength(2)
    expect(result.ids.every((id) => typeof id === 'string')).toBe(true)
    expect(result.errors).toEqual([])
    const row = await env.DB.prepare('SELECT * FROM dev_mailbox WHERE position = 1').first<Record<string, unknown>>()
    expect(row).toMatchObject({
      to_email: 'b@example.com',
      subject: 'Hello b@example.com',
      created_at: 1_800_000_000_000,
    })
    expect(JSON.parse(String(row?.headers))).toEqual(message('b').headers)
  })

  it('stores a batch sent twice with the same key only once, and answers with the same ids', async () => {
    const transport = createDevMailboxTransport(env.DB, () => Date.now())
    const batch = [message('a@example.com'), message('b@example.com')]
    const first = await transport.sendBatch(batch, 'batch-2')
    const second = await transport.sendBatch(batch, 'batch-2')
    expect(await count('batch-2')).toBe(2)
    expect(second).toEqual(first)
    await transport.sendBatch(batch, 'batch-3')
    expect(await count('batch-3')).toBe(2)
  })
})

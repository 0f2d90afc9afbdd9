// The durable outbox: every email is stored before it is sent, and retried until accepted.
import { meterD1 } from '../db/metered'
import { insertOutbox, leaseOutboxByIds, type OutboxEmail, type TransactionalKind } from '../db/outbox'
import type { OutgoingMessage } from '../domain/types'
import type { Config, Env } from '../env'
import { randomId } from '../lib/crypto'
import { createTransport } from './create-transport'
import { oneLine } from './resend'
import { sendOutboxBatches } from './send-batches'

/** How long a run may hold leased rows before another run may take them. */
export const LEASE_MS = 5 * 60_000

/** Subject and header values are one line whatever the labels inside them contain. */
export function sanitizeMessage(m: OutgoingMessage): OutgoingMessage {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(m.headers)) headers[oneLine(k)] = oneLine(v)
  return { from: oneLine(m.from), to: oneLine(m.to), subject: oneLine(m.subject), html: m.html, text: m.text, headers }
}

/** Stores a confirmation or manage-link email (status pending); returns its outbox id. */
export async function enqueueTransactional(
  db: D1Database,
  args: { subscriberId: string; kind: TransactionalKind; message: OutgoingMessage; now: number },
): Promise<string> {
  const id = randomId()
  // One email per key: a retry of this row is the same request, byte for byte.
  await db.batch(
    insertOutbox(db, {
      id,
      subscriberId: args.subscriberId,
      kind: args.kind,
      batchKey: `${args.kind}-${id}`,
      message: sanitizeMessage(args.message),
      now: args.now,
    }),
  )
  return id
}

/** Tries to send these outbox rows now; what fails stays pending for the cron to retry. */
export async function deliverNow(env: Env, config: Config, outboxIds: string[], now: number): Promise<void> {
  try {
    const leaseId = randomId()
    const rows = await leaseOutboxByIds(env.DB, outboxIds, leaseId, now + LEASE_MS, now)
    await sendLeased(env, config, rows, leaseId, now)
  } catch (err) {
    // The row is stored: the cron sends it if this attempt could not.
    console.error(JSON.stringify({ event: 'deliver_now_error', error: String(err) }))
  }
}

/** Sends rows this caller already holds under `leaseId`, one request each; what fails stays for the cron. */
export async function sendLeased(env: Env, config: Config, rows: OutboxEmail[], leaseId: string, now: number) {
  if (rows.length === 0) return
  const transport = createTransport(env, config, { timeoutMs: 8_000 })
  const start = Date.now()
  const { db, usage } = meterD1(env.DB)
  await sendOutboxBatches(db, transport, rows, {
    leaseId,
    d1: usage,
    clock: () => now + (Date.now() - start),
    budget: { subrequests: rows.length, d1Calls: Number.POSITIVE_INFINITY, deadline: Number.POSITIVE_INFINITY },
    waitInRun: false,
  })
}

// The `queue` consumer (SEND_QUEUE): renders the deliveries a message names and sends them, with the same
// delivery and outbox tables as the cron deciding exactly once (Queues deliver at least once).
//
// Decisions:
// - One gate on Resend's rate: the consumer runs one at a time (max_concurrency = 1 in wrangler.toml), and
//   paces its requests by Resend's own ratelimit-* headers as the cron does, across all the messages of
//   an invocation (one shared window: a message does not spend a request on a 429 the last one saw coming); a 429 (the team's limit is
//   shared with confirmation emails sent by the routes) retries the message after `retry-after`
//   (message.retry({ delaySeconds })). See README "Queues send path".
// - A redelivered message renders nothing new (its deliveries are emailed, or no longer held by its
//   claim) and sends what its deliveries' emails still owe; what it cannot send (leased elsewhere, backed
//   off after a 5xx) stays pending in the outbox, which the cron sends after a grace period.
import { getConfig } from '../config'
import { createRunContext, prepStop, type RunContext, runBudget } from '../cron/context'
import { renderPage } from '../cron/render'
import { heldDeliveries, outboxIdsOf } from '../db/deliveries'
import { leaseOutboxByIds } from '../db/outbox'
import type { Env } from '../env'
import { randomId } from '../lib/crypto'
import { createTransport } from '../mail/create-transport'
import { LEASE_MS } from '../mail/outbox'
import { type SendStopReason, sendOutboxBatches } from '../mail/send-batches'
import type { MailTransport } from '../mail/transport'
import { isSendMessage, type SendMessage } from './message'

/** A quota or key refusal: look again in five minutes (then the dead-letter queue; the cron carries on). */
const REFUSED_RETRY_S = 300

export async function consumeSendBatch(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const config = getConfig(env)
  const ctx = createRunContext(env, config, { now: Date.now() })
  const transport = createTransport(env, config)
  for (const message of batch.messages) {
    if (!isSendMessage(message.body)) {
      console.error(JSON.stringify({ event: 'queue_message_invalid', id: message.id }))
      message.ack()
      continue
    }
    // Not enough left of this invocation's limits for a whole message: it comes back at once.
    if (prepStop(ctx) || ctx.stats.rendered >= ctx.maxEmails) {
      message.retry()
      continue
    }
    try {
      // The message's clock: the cron run's now plus the time it spent in the queue.
      const now = message.body.plannedAt + Math.max(0, Date.now() - message.timestamp.getTime())
      const start = Date.now()
      const sent = await sendMessage({ ...ctx, now, clock: () => now + (Date.now() - start) }, transport, message.body)
      if (sent.stopped === 'rate_limited')
        message.retry({ delaySeconds: Math.max(1, Math.ceil(sent.retryAfterMs / 1000)) })
      else if (sent.stopped === 'quota' || sent.stopped === 'unauthorized')
        message.retry({ delaySeconds: REFUSED_RETRY_S })
      else if (sent.stopped) message.retry()
      else message.ack()
    } catch (err) {
      console.error(JSON.stringify({ event: 'queue_message_failed', id: message.id, error: String(err) }))
      message.retry()
    }
  }
  ctx.stats.d1Calls = ctx.d1.calls
  ctx.stats.rowsRead = ctx.d1.rowsRead
  console.log(JSON.stringify({ event: 'queue_run', messages: batch.messages.length, ...ctx.stats }))
}

/** Renders what the message's claim still holds, then sends every pending email of its deliveries. */
async function sendMessage(
  ctx: RunContext,
  transport: MailTransport,
  m: SendMessage,
): Promise<{ stopped: SendStopReason | null; retryAfterMs: number }> {
  const held = await heldDeliveries(ctx.db, m.deliveryIds, m.claimId)
  if (held.length) await renderPage(ctx, held, { claimId: m.claimId, pass: m.page })
  const leaseId = randomId()
  const ids = await outboxIdsOf(ctx.db, m.deliveryIds)
  const rows = await leaseOutboxByIds(ctx.db, ids, leaseId, ctx.clock() + LEASE_MS, ctx.clock())
  if (rows.length === 0) return { stopped: null, retryAfterMs: 0 }
  const sent = await sendOutboxBatches(ctx.db, transport, rows, {
    leaseId,
    d1: ctx.d1,
    clock: ctx.clock,
    budget: { ...runBudget(ctx), subrequests: ctx.maxSubrequests - ctx.stats.subrequests },
    waitInRun: true,
    sleep: ctx.options.sleep,
    pace: ctx.pace,
  })
  ctx.stats.sent += sent.sent
  ctx.stats.failed += sent.failed
  ctx.stats.retried += sent.retried
  ctx.stats.subrequests += sent.subrequests
  return sent
}

// The `queue` consumer (SEND_QUEUE): renders the deliveries a message names and sends them, with the same
// delivery and outbox tables as the cron deciding exactly once (Queues deliver at least once).
//
// Decisions:
// - One gate on Resend's rate: the consumer runs one at a time (max_concurrency = 1 in wrangler.toml), and
//   paces its requests by Resend's own ratelimit-* headers as the cron does, across all the messages of
//   an invocation and the invocations after it in the same isolate (one shared window: a message does
//   not spend a request on a 429 the last one saw coming); a 429 (the team's limit is shared with
//   confirmation emails sent by the routes) retries the message after `retry-after`
//   (message.retry({ delaySeconds })). See README "Queues send path".
// - While one message's request is in flight, the next message is rendered and stored: a page of 100
//   emails costs about as much CPU and D1 time as Resend's 200 ms between requests, so done one after the
//   other they would halve the rate. Requests still go one at a time, in order; at most one message is
//   prepared ahead, its emails leased to this invocation (released if it stops before sending them).
// - A message's emails are stored already held under the message's own hold (its claim and page, the same
//   on every delivery of it) and sent from memory, not read back: no ~1 MB of bodies per message fetched
//   and parsed again, and no lease statement per email (a batch starts with one row read, as on the cron
//   path). A redelivery takes over what a killed attempt stored and never started; a batch an attempt
//   started is left to that attempt's lease.
// - A redelivered message renders nothing new (its deliveries are emailed, or no longer held by its
//   claim) and sends what its deliveries' emails still owe; what it cannot send (leased elsewhere, backed
//   off after a 5xx) stays pending in the outbox, which the cron sends after a grace period.
import { getConfig } from '../config'
import { createRunContext, prepStop, type RunContext, runBudget } from '../cron/context'
import { renderPage } from '../cron/render'
import { startStored } from '../cron/send'
import { deliveriesWithMail } from '../db/delivery-mail'
import { heldLeaseId, leaseOutboxByIds, type OutboxEmail } from '../db/outbox'
import { isSendMessage, type SendMessage } from '../domain/send-message'
import type { Env } from '../env'
import { randomId } from '../lib/crypto'
import { createTransport } from '../mail/create-transport'
import { LEASE_MS } from '../mail/outbox'
import { type RatePace, type SendStopReason, sendOutboxBatches } from '../mail/send-batches'
import type { MailTransport } from '../mail/transport'

/** A quota or key refusal: look again in five minutes (then the dead-letter queue; the cron carries on). */
const REFUSED_RETRY_S = 300

/**
 * Resend's window as this isolate last saw it. With max_concurrency = 1 the next invocation usually runs
 * in the same isolate right after this one: without it, its first request could land in a window the
 * last invocation emptied, and a 429 costs a whole second. A fresh isolate starts unpaced (429s are
 * still honoured).
 */
const isolatePace: RatePace = { waitUntil: 0 }

/** A message rendered and stored, its emails leased under `leaseId`, ready to send. */
interface Prepared {
  message: Message<unknown>
  ctx: RunContext
  leaseId: string
  rows: OutboxEmail[]
}

export async function consumeSendBatch(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const config = getConfig(env)
  const ctx = createRunContext(env, config, { now: Date.now() })
  ctx.pace = isolatePace
  const transport = createTransport(env, config)
  // The previous message's send, still running while the next message is prepared.
  let sending: Promise<void> | null = null
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
    let prepared: Prepared
    try {
      prepared = await prepareMessage(ctx, message, message.body)
    } catch (err) {
      failed(message, err)
      continue
    }
    if (sending) await sending
    sending = sendPrepared(prepared, transport)
  }
  if (sending) await sending
  ctx.stats.d1Calls = ctx.d1.calls
  ctx.stats.rowsRead = ctx.d1.rowsRead
  console.log(JSON.stringify({ event: 'queue_run', messages: batch.messages.length, ...ctx.stats }))
}

function failed(message: Message<unknown>, err: unknown) {
  console.error(JSON.stringify({ event: 'queue_message_failed', id: message.id, error: String(err) }))
  message.retry()
}

/**
 * Renders what the message's claim still holds and leases it, with what earlier attempts stored for its
 * deliveries and did not send.
 */
async function prepareMessage(run: RunContext, message: Message<unknown>, m: SendMessage): Promise<Prepared> {
  // The message's clock: the cron run's now plus the time it spent in the queue.
  const now = m.plannedAt + Math.max(0, Date.now() - message.timestamp.getTime())
  const start = Date.now()
  // A lease of its own per attempt (a message may be delivered to two consumers at once), and a hold shared
  // by every attempt of the message: a redelivery takes over what a killed attempt stored and never started.
  const holdId = messageHoldId(m)
  const ctx: RunContext = {
    ...run,
    now,
    clock: () => now + (Date.now() - start),
    stored: [],
    leaseId: randomId(),
    holdId,
  }
  // The deliveries with their cards and addresses in one call: two key lookups each, and one an address.
  const { deliveries, mail } = await deliveriesWithMail(ctx.db, m.deliveryIds, m.perAddress)
  const held = deliveries.filter((d) => d.status === 'queued' && d.claimId === m.claimId)
  const earlier = [...new Set(deliveries.flatMap((d) => (d.status === 'emailed' && d.outboxId ? [d.outboxId] : [])))]
  if (held.length) await renderPage(ctx, held, { claimId: m.claimId, pass: m.page, loaded: mail })
  const rows = await startStored(ctx, ctx.stored.splice(0), ctx.clock())
  if (earlier.length)
    rows.push(...(await leaseOutboxByIds(ctx.db, earlier, ctx.leaseId, ctx.clock() + LEASE_MS, ctx.clock(), holdId)))
  return { message, ctx, leaseId: ctx.leaseId, rows }
}

/** The hold a message's emails are stored under: the same for every delivery of the message. */
function messageHoldId(m: SendMessage): string {
  return heldLeaseId(`${m.claimId}:${m.page}`)
}

/** Sends a prepared message's emails and acks or retries it by how that went; never throws. */
async function sendPrepared(p: Prepared, transport: MailTransport): Promise<void> {
  try {
    const sent = await sendRows(p.ctx, transport, p.rows, p.leaseId)
    if (sent.stopped === 'rate_limited')
      p.message.retry({ delaySeconds: Math.max(1, Math.ceil(sent.retryAfterMs / 1000)) })
    else if (sent.stopped === 'quota' || sent.stopped === 'unauthorized')
      p.message.retry({ delaySeconds: REFUSED_RETRY_S })
    else if (sent.stopped) p.message.retry()
    else p.message.ack()
  } catch (err) {
    failed(p.message, err)
  }
}

async function sendRows(
  ctx: RunContext,
  transport: MailTransport,
  rows: OutboxEmail[],
  leaseId: string,
): Promise<{ stopped: SendStopReason | null; retryAfterMs: number }> {
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

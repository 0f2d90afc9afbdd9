// Queue stage (with SEND_QUEUE): claims queued deliveries page by page and hands their ids to the queue;
// the consumer (src/queue/consume.ts) renders and sends them.
import { claimQueued, type Delivery, hasClaimable } from '../db/deliveries'
import type { SendMessage } from '../domain/send-message'
import { randomId } from '../lib/crypto'
import { BATCH_SIZE, prepStop, type RunContext, type StopReason } from './context'

/**
 * How long the cron's claim on enqueued deliveries lasts: a 100k burst drains in ~200 s at Resend's
 * default 5 requests/s, so an hour leaves room for retries and a backlog. When it runs out first (the
 * message died), the next run claims the deliveries again and enqueues them anew; the old message, if
 * it ever arrives, renders nothing (its claim is gone).
 */
export const QUEUE_CLAIM_MS = 60 * 60_000
/** Emails the cron sends itself only once they have waited this long: the consumer's, unless it died. */
export const QUEUE_GRACE_MS = 15 * 60_000
/** Cards planned and deliveries claimed per D1 round trip with the queue: 100k due in ~200 pages. */
export const QUEUE_PAGE_SIZE = 500
/** Queues' sendBatch takes at most 100 messages. */
const SEND_BATCH_MAX = 100
/** Each page claims and enqueues a page, so the loop ends well before this. */
const MAX_PASSES = 1_000

/**
 * Enqueues at most `maxEmails` addresses, `perMessage` to a message (what one consumer invocation may
 * render: one Resend batch on Paid, 20 on Free). Returns the limit that left claimable deliveries queued, or null.
 */
export async function enqueueClaimed(
  ctx: RunContext,
  queue: Queue<SendMessage>,
  perMessage: number,
): Promise<StopReason | null> {
  const claimId = randomId()
  let page = 0
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const limit = prepStop(ctx)
    if (limit) return limit
    const room = ctx.maxEmails - ctx.stats.enqueued
    if (room <= 0) return (await hasClaimable(ctx.db, ctx.clock())) ? 'emails' : null
    const claimed = await claimQueued(
      ctx.db,
      claimId,
      ctx.clock() + QUEUE_CLAIM_MS,
      ctx.clock(),
      Math.min(ctx.pageSize, room),
    )
    if (claimed.length === 0) return null
    const messages = toMessages(claimed, { claimId, page, plannedAt: ctx.now }, Math.min(perMessage, BATCH_SIZE))
    page += messages.length
    for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
      await queue.sendBatch(messages.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body })))
      ctx.stats.subrequests++
    }
    ctx.stats.enqueued += new Set(claimed.map((d) => d.subscriberId)).size
  }
  return null
}

/** One message per `size` addresses (≤ one Resend batch), each address's deliveries together. */
function toMessages(claimed: Delivery[], first: Omit<SendMessage, 'deliveryIds'>, size: number): SendMessage[] {
  const byAddress = new Map<string, string[]>()
  for (const d of claimed) byAddress.set(d.subscriberId, [...(byAddress.get(d.subscriberId) ?? []), d.id])
  const addresses = [...byAddress.values()]
  const messages: SendMessage[] = []
  for (let i = 0; i < addresses.length; i += size) {
    const deliveryIds = addresses.slice(i, i + size).flat()
    messages.push({ ...first, page: first.page + messages.length, deliveryIds })
  }
  return messages
}

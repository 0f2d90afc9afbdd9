// Queue stage (with SEND_QUEUE): hands the ids of what the run planned (already held by its claim) to the
// queue, then claims what earlier runs left queued, page by page; the consumer (src/queue/consume.ts)
// renders and sends them.
import { claimQueued, hasClaimable } from '../db/deliveries'
import type { SendMessage } from '../domain/send-message'
import { BATCH_SIZE, prepStop, type RunContext, type StopReason } from './context'

/**
 * How long the cron's claim on enqueued deliveries lasts, from planning (planDue holds what it plans) or
 * claiming: a 100k burst drains in ~200 s at Resend's default 5 requests/s, so an hour leaves room for
 * retries and a backlog. When it runs out first (the message died, or the run died between planning and
 * enqueueing), a later run claims the deliveries again and enqueues them anew; the old message, if it
 * ever arrives, renders nothing (its claim is gone).
 */
export const QUEUE_CLAIM_MS = 60 * 60_000
/** Emails the cron sends itself only once they have waited this long: the consumer's, unless it died. */
export const QUEUE_GRACE_MS = 15 * 60_000
/** Cards planned and deliveries claimed per D1 round trip with the queue: 100k due in ~200 pages. */
export const QUEUE_PAGE_SIZE = 500
/** Queues' sendBatch takes at most 100 messages. */
const SEND_BATCH_MAX = 100
/** Each pass claims and enqueues a page of the backlog, so the loop ends well before this. */
const MAX_PASSES = 1_000

/**
 * Enqueues at most `maxEmails` addresses, `perMessage` to a message (what one consumer invocation may
 * render: one Resend batch on Paid, 20 on Free): first those this run planned (ctx.plannedIds, no claim
 * query), then, if any waited when the run started (ctx.backlog), queued ones it claims. Returns the limit
 * that left claimable deliveries queued, or null.
 */
export async function enqueueClaimed(
  ctx: RunContext,
  queue: Queue<SendMessage>,
  perMessage: number,
): Promise<StopReason | null> {
  const size = Math.min(perMessage, BATCH_SIZE)
  // One claim for the run: the planned deliveries hold it already, claimed ones take it; pages count on.
  let page = await enqueuePlanned(ctx, queue, perMessage)
  if (!ctx.backlog.queued) return null
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const limit = prepStop(ctx)
    if (limit) return limit
    const room = ctx.maxEmails - ctx.stats.enqueued
    if (room <= 0) return (await hasClaimable(ctx.db, ctx.clock())) ? 'emails' : null
    const claimed = await claimQueued(
      ctx.db,
      ctx.claimId,
      ctx.clock() + ctx.claimMs,
      ctx.clock(),
      Math.min(ctx.pageSize, room),
    )
    if (claimed.length === 0) return null
    const byAddress = new Map<string, string[]>()
    for (const d of claimed) byAddress.set(d.subscriberId, [...(byAddress.get(d.subscriberId) ?? []), d.id])
    page = await enqueueAddresses(ctx, queue, [...byAddress.values()], page, size)
  }
  return null
}

/**
 * Enqueues what this run planned (ctx.plannedIds), whatever its limits say (it makes no D1 call): left
 * out, it would only wait out its claim. planDue kept it within maxEmails cards, so within maxEmails
 * addresses. Returns the next page number.
 */
export async function enqueuePlanned(ctx: RunContext, queue: Queue<SendMessage>, perMessage: number): Promise<number> {
  const addresses = [...ctx.plannedIds.values()]
  ctx.plannedIds.clear()
  return enqueueAddresses(ctx, queue, addresses, 0, Math.min(perMessage, BATCH_SIZE))
}

/**
 * Sends one message per `size` addresses (≤ one Resend batch), each address's deliveries together,
 * numbered on from `page`; returns the next page number.
 */
async function enqueueAddresses(
  ctx: RunContext,
  queue: Queue<SendMessage>,
  addresses: string[][],
  page: number,
  size: number,
): Promise<number> {
  const messages: SendMessage[] = []
  for (let i = 0; i < addresses.length; i += size) {
    const group = addresses.slice(i, i + size)
    messages.push({
      claimId: ctx.claimId,
      page: page + messages.length,
      deliveryIds: group.flat(),
      perAddress: group.map((ids) => ids.length),
      plannedAt: ctx.now,
    })
  }
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body })))
    ctx.stats.subrequests++
  }
  ctx.stats.enqueued += addresses.length
  return page + messages.length
}

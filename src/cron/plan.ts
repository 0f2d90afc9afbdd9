// Plan stage: turns every card whose next_due_at has come into queued deliveries, and moves it on.

import type { Delivery } from '../db/deliveries'
import {
  advanceCardStatement,
  DUE_START,
  type DueCard,
  postponeCardStatement,
  queueDeliveryStatement,
  selectDueCards,
  unscheduleCardStatement,
} from '../db/due-cards'
import { planDueCard } from '../domain/schedule'
import type { Card, Occurrence } from '../domain/types'
import { randomId } from '../lib/crypto'
import { prepStop, type RunContext, type StopReason } from './context'

/**
 * Passes per walk beyond what its cap needs: each pass moves every card it took past `now` (or to NULL),
 * so a walk ends well before this. The bound scales with the run's cap: with the queue a run plans up to
 * 100,000 cards 500 a page, and a fixed 100 passes had stopped it at 50,000 with no stop reason.
 */
const SPARE_PASSES = 100
/** A card the planner could not handle (e.g. a bad timezone) is looked at again this much later. */
const RETRY_BROKEN_CARD_MS = 86_400_000

/**
 * Whether planned deliveries are stored already claimed by the run, and what it keeps of them: `render`
 * (the cron renders them next: the deliveries, their cards and addresses, ctx.planned and plannedMail),
 * `enqueue` (SEND_QUEUE: only their ids by address, ctx.plannedIds: ~170 bytes of V8 heap an address
 * with one card, ~17 MB for a 100k burst, far under a Worker's 128 MB), or null (stored unclaimed).
 */
export type PlanHold = 'render' | 'enqueue' | null

/**
 * Plans due cards, at most `maxEmails` of them (on Free each one costs CPU like a render), fairly: a first
 * walk plans one card per address, so every address with something due is served before any address
 * gets a second card; a second walk plans the cards it passed over, which then share their address's one
 * email. Returns the limit that stopped it before it saw the last due card, or null.
 */
export async function planDue(ctx: RunContext, options: { hold: PlanHold }): Promise<StopReason | null> {
  const served = new Set<string>()
  let planned = 0
  let cursor = DUE_START
  let fair = true
  // Whether the first walk passed over a card because its address was already served.
  let passedOver = false
  // Two walks, each at most one page per `pageSize` cards planned, plus pages of passed-over cards.
  const maxPasses = 2 * Math.ceil(ctx.maxEmails / ctx.pageSize) + SPARE_PASSES
  for (let pass = 0; pass < maxPasses; pass++) {
    const limit = prepStop(ctx)
    if (limit) return limit
    const room = ctx.maxEmails - planned
    if (room <= 0) {
      // Cut off only if another card is due; this look is the empty select an uncapped run would end with.
      const more = await selectDueCards(ctx.db, ctx.now, 1)
      return more.length > 0 ? 'emails' : null
    }
    const page = Math.min(ctx.pageSize, room)
    const rows = await selectDueCards(ctx.db, ctx.now, page, cursor)
    const take = fair ? firstOfEachAddress(rows, served) : rows
    if (take.length < rows.length) passedOver = true
    if (take.length) await planPage(ctx, take, options.hold)
    planned += take.length
    const last = rows.at(-1)
    if (last) cursor = last.cursor
    if (rows.length === page) continue
    // The walk reached the last due card: start the second one over what the first passed by.
    if (!fair || !passedOver) return null
    fair = false
    cursor = DUE_START
  }
  // Out of passes with due cards maybe left: say so (the next run carries on) rather than report done.
  return 'emails'
}

/** The cards of addresses not yet in `served`, one per address; marks those addresses served. */
function firstOfEachAddress(rows: DueCard[], served: Set<string>): DueCard[] {
  return rows.filter((r) => !served.has(r.subscriber.id) && Boolean(served.add(r.subscriber.id)))
}

/**
 * Writes one page of plans in one D1 batch: queued deliveries, then each card moved on. With `hold`, the
 * deliveries are stored claimed by this run, which renders or enqueues them next without a claim query
 * (ctx.planned, ctx.plannedIds); if it dies first, the claim runs out and a later run claims them like
 * any queued delivery.
 */
async function planPage(ctx: RunContext, rows: DueCard[], hold: PlanHold): Promise<void> {
  const { db, now, stats } = ctx
  const statements: D1PreparedStatement[] = []
  const inserts: Array<{ delivery: Delivery; card: Card; subscriber: DueCard['subscriber'] } | null> = []
  const claim = hold ? { id: ctx.claimId, until: ctx.clock() + ctx.claimMs } : undefined
  for (const due of rows) {
    const { card, subscriber } = due
    if (card.status !== 'active' || subscriber.status !== 'active' || subscriber.suppressedAt !== null) {
      // No mail for this card; restoreSchedule puts it back when the address is subscribed again.
      statements.push(unscheduleCardStatement(db, card))
      inserts.push(null)
      continue
    }
    let plan: ReturnType<typeof planDueCard>
    try {
      plan = planDueCard(due.card, due.subscriber.timezone, ctx.config.sendHour, now)
    } catch (err) {
      // One broken row must not stop everyone's reminders: log it and look again tomorrow.
      console.error(JSON.stringify({ event: 'plan_failed', cardId: card.id, error: String(err) }))
      statements.push(postponeCardStatement(db, card, now + RETRY_BROKEN_CARD_MS))
      inserts.push(null)
      stats.failed++
      continue
    }
    stats.skipped += plan.skipped.length
    // The card as the advance below leaves it: what a later read would show the render stage.
    const advanced: Card = { ...card, nextDueAt: plan.nextDueAt, expiresOn: plan.expiresOn }
    const advance = advanceCardStatement(db, card, { nextDueAt: plan.nextDueAt, expiresOn: plan.expiresOn })
    // One occurrence (most cards): the advance first, and the queue statement applies only if it did.
    // Several: queue first, each guarded by a look at the card, which needs its old next_due_at.
    const afterAdvance = plan.due.length === 1
    if (afterAdvance) {
      statements.push(advance)
      inserts.push(null)
    }
    for (const occurrence of plan.due) {
      const id = randomId()
      statements.push(queueDeliveryStatement(db, { id, occurrence, card, now, claim, afterAdvance }))
      inserts.push({ delivery: plannedDelivery(id, occurrence, card, now, claim), card: advanced, subscriber })
    }
    if (!afterAdvance) {
      statements.push(advance)
      inserts.push(null)
    }
  }
  const results = await db.batch(statements)
  results.forEach((r, i) => {
    const planned = inserts[i]
    if (!planned || !r.meta.changes) return
    stats.due++
    if (hold === 'enqueue') {
      const { id, subscriberId } = planned.delivery
      const ids = ctx.plannedIds.get(subscriberId)
      if (ids) ids.push(id)
      else ctx.plannedIds.set(subscriberId, [id])
    }
    if (hold !== 'render') return
    ctx.planned.push(planned.delivery)
    const { card, subscriber } = planned
    ctx.plannedMail.cards.set(card.id, card)
    ctx.plannedMail.subscribers.set(subscriber.id, subscriber)
  })
}

/** The delivery queueDeliveryStatement stores, as claimQueued would return it. */
function plannedDelivery(
  id: string,
  o: Occurrence,
  card: DueCard['card'],
  now: number,
  claim: { id: string; until: number } | undefined,
): Delivery {
  return {
    id,
    occurrenceKey: o.key,
    subscriberId: card.subscriberId,
    cardId: card.id,
    kind: o.kind,
    expiresOn: o.expiresOn,
    leadDay: o.leadDay,
    dueAt: o.dueAt,
    status: 'queued',
    outboxId: null,
    claimId: claim?.id ?? null,
    claimUntil: claim?.until ?? null,
    createdAt: now,
  }
}

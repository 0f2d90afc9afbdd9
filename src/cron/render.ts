// Render stage: renders what the run planned (held by its claim), then claims what earlier runs left
// queued, address by address, and stores one rendered email per address.
import {
  cancelDeliveriesStatement,
  claimQueued,
  type Delivery,
  hasClaimable,
  loadMailContext,
  type MailContext,
  markEmailedStatements,
} from '../db/deliveries'
import { type OutboxEmail, packMessage } from '../db/outbox'
import { insertOutboxIfClaimed, MAX_CHECKED_CARDS, type StoreLease } from '../db/reminder-store'
import { stillWanted } from '../domain/renewal'
import type { Card, OutgoingMessage } from '../domain/types'
import { randomId } from '../lib/crypto'
import { LEASE_MS } from '../mail/outbox'
import { composeReminder } from './compose'
import { BATCH_SIZE, prepStop, type RunContext, type StopReason } from './context'

/** Each pass claims and settles a page of addresses, so the loop ends well before this. */
const MAX_PASSES = 100

/**
 * Renders at most `maxEmails` emails: first the deliveries this run planned (ctx.planned, no claim query),
 * then, if any were waiting when the run started (ctx.backlog), queued ones it claims. Returns the limit
 * that left claimable deliveries queued, or null.
 */
export async function renderClaimed(ctx: RunContext): Promise<StopReason | null> {
  const claimId = ctx.claimId
  const held = plannedPages(ctx.planned.splice(0), ctx.pageSize)
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const limit = prepStop(ctx)
    if (limit) return limit
    const room = ctx.maxEmails - ctx.stats.rendered
    if (room <= 0) {
      // The cap only cut something off if another address is waiting; one look costs what the
      // empty claim that ends an uncapped run would.
      return (await hasClaimable(ctx.db, ctx.clock())) ? 'emails' : null
    }
    // First what this run planned (already claimed by it), then what earlier runs left queued.
    // Claim no more addresses than may still be rendered: each claimed address is at most one email.
    const page = held.shift()
    if (!page && !ctx.backlog.queued) return null
    const claimed =
      page ?? (await claimQueued(ctx.db, claimId, ctx.clock() + ctx.claimMs, ctx.clock(), Math.min(ctx.pageSize, room)))
    if (claimed.length === 0) return null
    await ctx.options.onStage?.('claimed')
    // What this run planned renders from the cards and addresses read when planning it.
    await renderPage(ctx, claimed, { claimId, pass, ...(page ? { planned: ctx.plannedMail } : {}) })
    await ctx.options.onStage?.('rendered')
  }
  return null
}

/**
 * Deliveries this run planned, in pages of at most `size` addresses, each address's deliveries in one
 * page. Planning stopped at maxEmails cards, so they fit under the run's cap on emails.
 */
function plannedPages(planned: Delivery[], size: number): Delivery[][] {
  const byAddress = new Map<string, Delivery[]>()
  for (const d of planned) byAddress.set(d.subscriberId, [...(byAddress.get(d.subscriberId) ?? []), d])
  const addresses = [...byAddress.values()]
  const pages: Delivery[][] = []
  for (let i = 0; i < addresses.length; i += size) pages.push(addresses.slice(i, i + size).flat())
  return pages
}

/**
 * Renders one email per address of a claimed page and stores them with their deliveries marked, in one
 * D1 batch; deliveries that no longer apply are cancelled. Also the queue consumer's render step, with
 * the message's page number as `pass` (unique within its claim, so batch keys never collide).
 *
 * With `planned` (the cards and addresses this run read when it planned these deliveries) nothing is
 * read again here (three rows per card): each email is stored only if its address and cards are still as
 * rendered (one row each). An address whose email was not stored because one of them changed since is
 * read as it is now and rendered once more, as if claimed then: an edit in the seconds between planning
 * and storing is seen as it was when render read the rows itself. With `loaded` (the consumer's: read
 * with the deliveries a moment ago, db/delivery-mail.ts) they are not read again either, and stored as a
 * claim would have: they are the rows as they are now.
 */
export async function renderPage(
  ctx: RunContext,
  claimed: Delivery[],
  page: { claimId: string; pass: number; planned?: MailContext; loaded?: MailContext },
) {
  const bySubscriber = groupByAddress(claimed)
  const planned = page.planned && fitsCardChecks(bySubscriber) ? page.planned : undefined
  const changed = await renderAndStore(ctx, bySubscriber, page, planned, page.loaded)
  if (changed.length) await renderAndStore(ctx, groupByAddress(changed), { ...page, again: true })
}

function groupByAddress(deliveries: Delivery[]): Map<string, Delivery[]> {
  const bySubscriber = new Map<string, Delivery[]>()
  for (const d of deliveries) bySubscriber.set(d.subscriberId, [...(bySubscriber.get(d.subscriberId) ?? []), d])
  return bySubscriber
}

/**
 * renderPage's one pass over a page, from `planned` or from the rows as they are now (`loaded` with the
 * deliveries, or read here). Returns the deliveries of addresses whose email was rendered from `planned`
 * but not stored (still held by the claim).
 */
async function renderAndStore(
  ctx: RunContext,
  bySubscriber: Map<string, Delivery[]>,
  page: { claimId: string; pass: number; again?: boolean },
  planned?: MailContext,
  loaded?: MailContext,
): Promise<Delivery[]> {
  const { db, stats } = ctx
  const { claimId, pass } = page
  const cardIds = [...new Set([...bySubscriber.values()].flat().map((d) => d.cardId))]
  const mail = planned ?? loaded ?? (await loadMailContext(db, cardIds))
  const statements: D1PreparedStatement[] = []
  // The emails stored by this page, by the index of their insert statement, with their deliveries.
  const stored = new Map<number, { email: OutboxEmail; deliveries: Delivery[] }>()
  let emails = 0
  for (const [subscriberId, deliveries] of bySubscriber) {
    const subscriber = mail.subscribers.get(subscriberId)
    const eligible = subscriber && subscriber.status === 'active' && subscriber.suppressedAt === null
    const wanted: Array<{ delivery: Delivery; card: Card }> = []
    const stale: string[] = []
    for (const d of deliveries) {
      const card = mail.cards.get(d.cardId)
      // A renewal or edit since planning makes a reminder about the old expiry pointless.
      const current = card && card.status === 'active' && stillWanted(d, card)
      if (eligible && card && current) wanted.push({ delivery: d, card })
      else stale.push(d.id)
    }
    if (stale.length) {
      statements.push(cancelDeliveriesStatement(db, stale, claimId))
      stats.cancelled += stale.length
    }
    if (!subscriber || wanted.length === 0) continue
    stats.rendered++
    try {
      const message = await composeReminder(ctx.config, subscriber, wanted, ctx.now)
      const outboxId = randomId()
      const ids = wanted.map((w) => w.delivery.id)
      // Up to 100 emails of this pass share a batch key. The pass's rows are inserted in one D1
      // batch, so no run can lease part of a batch: a retried batch is the same request.
      const batchKey = `rem-${claimId}-${pass}${page.again ? 'a' : ''}-${Math.floor(emails / BATCH_SIZE)}`
      emails++
      const now = ctx.clock()
      // Stored held by this run (or queue message): its send stage needs no lease statement (send.ts).
      const lease = ctx.holdId ? { id: ctx.holdId, until: now + LEASE_MS } : null
      const email = storedEmail({ id: outboxId, subscriberId, batchKey, message, now, lease })
      stored.set(statements.length, { email, deliveries: wanted.map((w) => w.delivery) })
      const packed = await packMessage(message)
      statements.push(
        ...insertOutboxIfClaimed(
          db,
          { id: outboxId, subscriberId, kind: 'reminder', batchKey, message, packed, now },
          ids,
          claimId,
          planned ? { cards: [...new Set(wanted.map((w) => w.card))], address: subscriber } : undefined,
          lease,
        ),
        ...markEmailedStatements(db, ids, claimId, outboxId),
      )
    } catch (err) {
      // Left claimed: the claim expires and a later run tries again.
      stats.retried += wanted.length
      console.error(JSON.stringify({ event: 'render_failed', subscriberId, error: String(err) }))
    }
  }
  if (statements.length === 0) return []
  const results = await db.batch(statements)
  const changed: Delivery[] = []
  for (const [i, { email, deliveries }] of stored) {
    if (results[i]?.meta.changes) ctx.stored.push(email)
    else if (planned) {
      // Rendered from rows that changed since (or a delivery no longer held): render again from now's.
      stats.rendered--
      changed.push(...deliveries)
    }
  }
  return changed
}

/** Whether every address's cards fit in one insert's checks (always, under the contract's 20 cards). */
function fitsCardChecks(bySubscriber: Map<string, Delivery[]>): boolean {
  for (const deliveries of bySubscriber.values())
    if (new Set(deliveries.map((d) => d.cardId)).size > MAX_CHECKED_CARDS) return false
  return true
}

/** A reminder as insertOutboxIfClaimed stores it: pending, never tried, due at once, held by `lease` if any. */
function storedEmail(e: {
  id: string
  subscriberId: string
  batchKey: string
  message: OutgoingMessage
  now: number
  lease: StoreLease | null
}) {
  return {
    id: e.id,
    subscriberId: e.subscriberId,
    kind: 'reminder',
    batchKey: e.batchKey,
    toEmail: e.message.to,
    message: e.message,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: e.now,
    leaseId: e.lease?.id ?? null,
    leaseUntil: e.lease?.until ?? null,
    providerId: null,
    lastError: null,
    createdAt: e.now,
    sentAt: null,
  } satisfies OutboxEmail
}

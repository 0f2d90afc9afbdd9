// Send stage: sends what the run rendered (stored already held by it), then other due outbox batches a
// page at a time, leased, within the run's limits.
import type { OutboxEmail } from '../db/outbox'
import { hasDueOutbox, leaseDueBatches, leaseStoredBatches, startHeldBatches } from '../db/outbox-leases'
import { createTransport } from '../mail/create-transport'
import { LEASE_MS } from '../mail/outbox'
import { sendOutboxBatches } from '../mail/send-batches'
import { type RunContext, runBudget, type StopReason, sendStop } from './context'
import { PLAN_LIMITS } from './limits'

/**
 * Batches started or leased at once. 20 requests take ~10 s at Resend's default 2 per second, far inside LEASE_MS,
 * and 2,000 leased emails (~10 KB each) stay well under a Worker's 128 MB and D1's 50 MB result limit.
 */
const LEASE_BATCHES = 20

/**
 * What an email's lease from its store must still have left for the run to send it on that lease; with
 * less, it is leased again first (LEASE_MS from then). A send step must end, its results written, before
 * the lease lapses and another run may take the rows. No request starts after the run's deadline (at
 * most the Paid plan's 120 s after it began), each one ends within its 10 s timeout, and the writes after
 * it take a D1 round trip: the longest plan budget plus 30 s covers any step of a run within it, however
 * slow Resend is. Such a run never needs it (a lease from the store lasts 300 s, and the render of 5,000
 * emails takes ~60 s); it catches a run whose wall time moved on further than its budget between store
 * and send (a stalled isolate).
 */
export const STORED_LEASE_MARGIN_MS = PLAN_LIMITS.paid.budgetMs + 30_000

/**
 * Sends what is due in the outbox; returns the limit or refusal that left due emails unsent, or null.
 * `graceMs`: leave emails due for less than this to someone else (the queue consumer, with SEND_QUEUE).
 */
export async function sendDue(ctx: RunContext, graceMs = 0): Promise<StopReason | null> {
  const { db, stats, leaseId } = ctx
  const dueBy = () => ctx.clock() - graceMs
  const transport = createTransport(ctx.env, ctx.config, { timeoutMs: ctx.options.timeoutMs })
  // What this run rendered goes first, held since its store; then whatever else is due (earlier runs' leftovers).
  const stored = ctx.stored.splice(0)
  // Whether the outbox may hold more due batches than this run has leased so far.
  let more = true
  for (;;) {
    const limit = sendStop(ctx)
    if (limit) {
      // What this run stored and did not send is held by it (the due look cannot see it) until its lease
      // lapses; then the next run sends it.
      if (stored.length) return limit
      // Reached right after a full lease, the limit may have cut nothing off: look once, if a D1 call is left.
      if (more && ctx.d1.calls < ctx.maxD1Calls) more = await hasDueOutbox(db, ctx.clock(), dueBy())
      return more ? limit : null
    }
    const left = ctx.maxSubrequests - stats.subrequests
    const want = Math.min(left, LEASE_BATCHES)
    const fromStored = stored.length > 0
    // Nothing waited when the run started: what it rendered was all there is to send.
    if (!fromStored && !ctx.backlog.outbox) return null
    const asked = fromStored ? takeBatches(stored, want) : []
    const leased = fromStored
      ? await startStored(ctx, asked, dueBy())
      : await leaseDueBatches(db, leaseId, ctx.clock() + LEASE_MS, ctx.clock(), want, dueBy())
    // Part of a batch was withdrawn or taken meanwhile and the rest released: the due-batch lease decides.
    if (leased.length < asked.length) ctx.backlog.outbox = true
    if (leased.length === 0 && fromStored) continue
    if (leased.length === 0) return null
    // Fewer batches than asked for: nothing else was due, so a limit reached after these cuts nothing off.
    more = fromStored || new Set(leased.map((r) => r.batchKey)).size >= want
    await ctx.options.onStage?.('leased')
    const sent = await sendOutboxBatches(db, transport, leased, {
      leaseId,
      d1: ctx.d1,
      clock: ctx.clock,
      budget: { ...runBudget(ctx), subrequests: left },
      waitInRun: true,
      sleep: ctx.options.sleep,
      pace: ctx.pace,
    })
    stats.sent += sent.sent
    stats.failed += sent.failed
    stats.retried += sent.retried
    stats.subrequests += sent.subrequests
    if (sent.stopped) return sent.stopped
  }
}

/**
 * Whole batches of what this run (or queue message) stored, ready to send under its lease: held ones
 * (ctx.holdId) whose lease has STORED_LEASE_MARGIN_MS left are started (one row read a batch); the rest,
 * and a batch a withdrawal released or another attempt took meanwhile, are leased again by id (one row
 * read an email, as if they had been stored unleased).
 */
export async function startStored(ctx: RunContext, rows: OutboxEmail[], dueBy: number): Promise<OutboxEmail[]> {
  const held = ctx.holdId
  const leaseAgain = () => leaseStoredBatches(ctx.db, rows, ctx.leaseId, ctx.clock() + LEASE_MS, dueBy, held)
  const lastsTheStep = (r: OutboxEmail) =>
    r.leaseId === held && r.leaseUntil !== null && r.leaseUntil - ctx.clock() >= STORED_LEASE_MARGIN_MS
  if (held === null || !rows.every(lastsTheStep)) return leaseAgain()
  const { started, disturbed } = await startHeldBatches(ctx.db, rows, ctx.leaseId, held)
  if (disturbed.length === 0) return started
  const again = await leaseStoredBatches(ctx.db, disturbed, ctx.leaseId, ctx.clock() + LEASE_MS, dueBy, held)
  return [...started, ...again]
}

/** Removes and returns the rows of the first `batches` batch keys of `rows` (a batch's rows are stored together). */
function takeBatches(rows: OutboxEmail[], batches: number): OutboxEmail[] {
  const keys = new Set<string>()
  let n = 0
  for (; n < rows.length; n++) {
    const key = (rows[n] as OutboxEmail).batchKey
    if (!keys.has(key) && keys.size === batches) break
    keys.add(key)
  }
  return rows.splice(0, n)
}

// Send stage: leases what the run rendered by id, then other due outbox batches a page at a time, and
// sends them within the run's limits.
import type { OutboxEmail } from '../db/outbox'
import { hasDueOutbox, leaseDueBatches, leaseStoredBatches } from '../db/outbox-leases'
import { randomId } from '../lib/crypto'
import { createTransport } from '../mail/create-transport'
import { LEASE_MS } from '../mail/outbox'
import { sendOutboxBatches } from '../mail/send-batches'
import { type RunContext, runBudget, type StopReason, sendStop } from './context'

/**
 * Batches leased at once. 20 requests take ~10 s at Resend's default 2 per second, far inside LEASE_MS,
 * and 2,000 leased emails (~10 KB each) stay well under a Worker's 128 MB and D1's 50 MB result limit.
 */
const LEASE_BATCHES = 20

/**
 * Sends what is due in the outbox; returns the limit or refusal that left due emails unsent, or null.
 * `graceMs`: leave emails due for less than this to someone else (the queue consumer, with SEND_QUEUE).
 */
export async function sendDue(ctx: RunContext, graceMs = 0): Promise<StopReason | null> {
  const { db, stats } = ctx
  const dueBy = () => ctx.clock() - graceMs
  const transport = createTransport(ctx.env, ctx.config, { timeoutMs: ctx.options.timeoutMs })
  const leaseId = randomId()
  // What this run rendered goes first, leased by id; then whatever else is due (earlier runs' leftovers).
  const stored = ctx.stored.splice(0)
  // Whether the outbox may hold more due batches than this run has leased so far.
  let more = true
  for (;;) {
    const limit = sendStop(ctx)
    if (limit) {
      // Reached right after a full lease, the limit may have cut nothing off: look once, if a D1 call is left.
      if (more && ctx.d1.calls < ctx.maxD1Calls) more = await hasDueOutbox(db, dueBy())
      return more ? limit : null
    }
    const left = ctx.maxSubrequests - stats.subrequests
    const want = Math.min(left, LEASE_BATCHES)
    const fromStored = stored.length > 0
    // Nothing waited when the run started: what it rendered was all there is to send.
    if (!fromStored && !ctx.backlog.outbox) return null
    const asked = fromStored ? takeBatches(stored, want) : []
    const leased = fromStored
      ? await leaseStoredBatches(db, asked, leaseId, ctx.clock() + LEASE_MS, dueBy())
      : await leaseDueBatches(db, leaseId, ctx.clock() + LEASE_MS, dueBy(), want)
    // Part of a batch was withdrawn or taken meanwhile and the rest released: the due-batch lease decides.
    if (leased.length < asked.length) ctx.backlog.outbox = true
    if (leased.length === 0 && fromStored) continue
    if (leased.length === 0) return null
    // Fewer batches than asked for: nothing else was due, so a limit reached after these cuts nothing off.
    more = fromStored || new Set(leased.map((r) => r.batchKey)).size >= want
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

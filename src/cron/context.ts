// One scheduler run's context: its clock, limits, metered D1 binding and running totals, shared by the
// stages (plan.ts, render.ts, send.ts) instead of a long list of parameters.

import type { Delivery, MailContext } from '../db/deliveries'
import { type D1Usage, meterD1 } from '../db/metered'
import type { OutboxEmail } from '../db/outbox'
import { heldLeaseId } from '../db/outbox'
import { PURGE_CHUNK } from '../db/retention'
import type { Config, Env } from '../env'
import { randomId } from '../lib/crypto'
import { budgetStop, type RatePace, type SendStopReason } from '../mail/send-batches'
import { PLAN_LIMITS, type RunLimits } from './limits'

/** Why a run ended with work left: a send stop, or its cap on emails rendered (`emails`). */
export type StopReason = SendStopReason | 'emails'

export interface RunOptions {
  /** the run's "now": controller.scheduledTime */
  now: number
  // The four limits below default to the plan's (WORKERS_PLAN, src/cron/limits.ts); tests pass their own.
  /** wall time after which no new step starts (Workers' cron limit is far above; stay short) */
  budgetMs?: number
  /** requests to Resend per run */
  maxSubrequests?: number
  /** D1 calls per run (a batch counts once) */
  maxD1Calls?: number
  /** emails rendered, and due cards planned, per run (bounds CPU time) */
  maxEmails?: number
  /** client timeout per Resend request */
  timeoutMs?: number
  /** how long claimed deliveries are held before another run may take them (with SEND_QUEUE: QUEUE_CLAIM_MS) */
  claimMs?: number
  /** cards planned (and addresses claimed) per D1 round trip */
  pageSize?: number
  /** settled rows deleted per table per D1 round trip (src/db/retention.ts) */
  purgeChunk?: number
  sleep?: (ms: number) => Promise<void>
  /**
   * test seam: called after each stage, and after each lease of the send stage (before its requests);
   * throwing there is a run that dies at that point
   */
  onStage?: (stage: 'planned' | 'claimed' | 'rendered' | 'leased') => void | Promise<void>
}

export interface RunStats {
  due: number
  sent: number
  skipped: number
  failed: number
  retried: number
  cancelled: number
  /** rows D1 read for this run, as its metered binding counted them */
  rowsRead: number
  subrequests: number
  /** D1 calls this run made, as its metered binding counted them (a batch is one) */
  d1Calls: number
  purged: number
  /** settled deliveries and sent or failed emails deleted after their 30 days */
  pruned: number
  /** emails rendered (composed) this run, failed renders included */
  rendered: number
  /** addresses whose claimed deliveries this run handed to SEND_QUEUE (the Queues send path) */
  enqueued: number
  /** why the run ended with work left; null when it did all there was */
  stopped: StopReason | null
  ms: number
}

/** Emails in one Resend /emails/batch request (Resend's maximum). */
export const BATCH_SIZE = 100
/** How long claimed deliveries are held before another run may take them, unless a test says otherwise. */
const CLAIM_MS = 120_000
/** D1 calls planning and rendering leave for sending: about 2 per Resend request. */
const SEND_D1_RESERVE = 10
/** D1 calls one more send step needs: a lease, then at least one request with its writes. */
const SEND_STEP_D1 = 3

export interface RunContext {
  env: Env
  config: Config
  /** the run's D1 binding: every call through it is counted in `d1` */
  db: D1Database
  d1: D1Usage
  now: number
  /** the run's now plus the wall time since it started */
  clock: () => number
  /** Date.now() after which no new step starts */
  deadline: number
  maxSubrequests: number
  maxD1Calls: number
  maxEmails: number
  pageSize: number
  purgeChunk: number
  claimMs: number
  options: RunOptions
  stats: RunStats
  /**
   * whether, when the run started, deliveries waited to be claimed and emails to be leased (always true
   * unless the run looked): without, the render and send stages only handle what this run planned
   */
  backlog: { queued: boolean; outbox: boolean }
  /** this run's claim on deliveries: those it plans to render or enqueue itself, and those it claims */
  claimId: string
  /** deliveries this run planned already claimed (when it renders itself): the render stage starts with them */
  planned: Delivery[]
  /**
   * their cards (as the plan left them) and addresses, read when planning: the render stage renders from
   * these, and stores an email only while its address and cards are unchanged (renderPage)
   */
  plannedMail: MailContext
  /**
   * with SEND_QUEUE, the ids of the deliveries this run planned already claimed, by address in the order
   * planned (ids only: a 100k burst must not keep cards and addresses): the queue stage enqueues them
   * without a claim query
   */
  plannedIds: Map<string, string[]>
  /** this run's lease on the emails it sends, made once: the send stage marks them sent under it */
  leaseId: string
  /**
   * the lease id the render stage stores each email under, already held for LEASE_MS from its store, so
   * that the send stage starts a batch with one row read instead of a lease statement per email (null:
   * stored unleased). The cron's is heldLeaseId(leaseId); a queue message's is the message's own
   * (consume.ts), so that its redelivery can take over what a killed attempt stored
   */
  holdId: string | null
  /** emails this run rendered and stored, not yet sent: held under holdId, or to be leased by id */
  stored: OutboxEmail[]
  /** Resend's rate window, shared by every send of this run (or queue invocation) */
  pace: RatePace
}

export function createRunContext(
  env: Env,
  config: Config,
  options: RunOptions,
  plan: RunLimits = PLAN_LIMITS[config.workersPlan],
): RunContext {
  const start = Date.now()
  const { db, usage } = meterD1(env.DB)
  const leaseId = randomId()
  return {
    env,
    config,
    db,
    d1: usage,
    now: options.now,
    clock: () => options.now + (Date.now() - start),
    deadline: start + (options.budgetMs ?? plan.budgetMs),
    maxSubrequests: options.maxSubrequests ?? plan.maxSubrequests,
    maxD1Calls: options.maxD1Calls ?? plan.maxD1Calls,
    maxEmails: options.maxEmails ?? plan.maxEmails,
    pageSize: options.pageSize ?? BATCH_SIZE,
    purgeChunk: options.purgeChunk ?? PURGE_CHUNK,
    claimMs: options.claimMs ?? CLAIM_MS,
    options,
    backlog: { queued: true, outbox: true },
    claimId: randomId(),
    leaseId,
    holdId: heldLeaseId(leaseId),
    planned: [],
    plannedIds: new Map(),
    plannedMail: { subscribers: new Map(), cards: new Map() },
    stored: [],
    pace: { waitUntil: 0 },
    stats: {
      due: 0,
      sent: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      cancelled: 0,
      rowsRead: 0,
      subrequests: 0,
      d1Calls: 0,
      purged: 0,
      pruned: 0,
      rendered: 0,
      enqueued: 0,
      stopped: null,
      ms: 0,
    },
  }
}

/** The run's limits as a send budget (requests, D1 calls in all, deadline). */
export function runBudget(ctx: RunContext) {
  return { subrequests: ctx.maxSubrequests, d1Calls: ctx.maxD1Calls, deadline: ctx.deadline }
}

function used(ctx: RunContext) {
  return { subrequests: ctx.stats.subrequests, d1Calls: ctx.d1.calls }
}

/** The limit that stops planning or rendering another page; they make no requests, so only D1 and time count. */
export function prepStop(ctx: RunContext): StopReason | null {
  return budgetStop({ ...runBudget(ctx), subrequests: Number.POSITIVE_INFINITY }, used(ctx), SEND_D1_RESERVE)
}

/** The limit that stops sending another leased page. */
export function sendStop(ctx: RunContext): StopReason | null {
  return budgetStop(runBudget(ctx), used(ctx), SEND_STEP_D1)
}

// How much one cron run may do on each Workers plan (WORKERS_PLAN), kept under Cloudflare's per-invocation limits.
import type { WorkersPlan } from '../env'

export interface RunLimits {
  /** wall time after which no new step starts */
  budgetMs: number
  /** requests to Resend per run (each one subrequest) */
  maxSubrequests: number
  /** D1 calls per run; a D1 batch is one call */
  maxD1Calls: number
  /**
   * emails rendered, and due cards planned, per run: the only handle on CPU time, which a Worker cannot
   * measure (Date.now() moves only on I/O)
   */
  maxEmails: number
  /**
   * With SEND_QUEUE: due cards planned, and addresses enqueued, per run. The cron renders nothing then
   * (the consumer does, within maxEmails per invocation), so this is bounded by planning's CPU (~0.08 ms
   * a card) and D1 calls (two per planned page of 500; one per claimed page of an earlier run's backlog).
   */
  maxQueued: number
}

/**
 * Cloudflare's limits per invocation (Workers and D1 limits pages, checked November 2026):
 * Free: 50 subrequests, 10 ms CPU, 50 D1 queries. Paid: 10,000 subrequests, 30 s CPU by default (up to
 * 5 min), 1,000 D1 queries; a cron invocation may run up to 15 min of wall time.
 * What a run leaves undone is still queued, and the next run (every 15 minutes) carries on.
 */
export const PLAN_LIMITS: Record<WorkersPlan, RunLimits> = {
  // 40 and 45 leave headroom under 50 for a retried request and the final release write. Planning a due
  // card (~0.08 ms) and rendering its email (signed links, html + text, ~0.43 ms) took ~0.5 ms of warm CPU
  // in V8 (more in a cold isolate), so about 20 fit in 10 ms; 20 a run is still ~1,900 emails a day.
  // Queued: 100 cards planned is ~8 ms of CPU.
  free: { budgetMs: 25_000, maxSubrequests: 40, maxD1Calls: 45, maxEmails: 20, maxQueued: 100 },
  // Far under the platform, and short enough that a run ends well before the next one starts;
  // 5,000 emails is ~2.5 s of CPU, so the email cap is not what binds here.
  // Queued: a 100k burst in one run, ~8 s of CPU and ~400 D1 calls (200 pages planned, two calls each).
  paid: { budgetMs: 120_000, maxSubrequests: 500, maxD1Calls: 900, maxEmails: 5_000, maxQueued: 100_000 },
}

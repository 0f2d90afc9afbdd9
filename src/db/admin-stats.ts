// The operator page's figures, read in one D1 round trip: subscribers by state, active cards, the
// backlog, and the daily mail counters since a day.
import type { CronRun } from './operator'
import { recentCronRuns } from './operator'

export interface MailDay {
  day: string
  sent: number
  failed: number
  bounced: number
  complained: number
}

export interface AdminStats {
  subscribers: { pending: number; active: number; unsubscribed: number; suppressed: number }
  activeCards: number
  /** deliveries planned but not yet in an email, and emails stored but not yet accepted by Resend */
  backlog: { queuedDeliveries: number; pendingEmails: number }
  days: MailDay[]
  runs: CronRun[]
}

export async function adminStats(db: D1Database, sinceDay: string, runs: number): Promise<AdminStats> {
  const [subs, cards, queued, pending, days] = await db.batch<Record<string, unknown>>([
    // Suppressed addresses keep their status; they are counted apart as well.
    db.prepare(
      `SELECT status, count(*) AS n, sum(suppressed_at IS NOT NULL) AS suppressed FROM subscribers GROUP BY status`,
    ),
    db.prepare("SELECT count(*) AS n FROM cards WHERE status = 'active'"),
    db.prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'queued'"),
    db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"),
    db
      .prepare('SELECT day, sent, failed, bounced, complained FROM mail_daily WHERE day >= ?1 ORDER BY day')
      .bind(sinceDay),
  ])
  const count = (r: D1Result<Record<string, unknown>> | undefined) => Number(r?.results[0]?.n ?? 0)
  const byStatus = new Map((subs?.results ?? []).map((r) => [String(r.status), r]))
  const status = (s: string) => Number(byStatus.get(s)?.n ?? 0)
  return {
    subscribers: {
      pending: status('pending'),
      active: status('active'),
      unsubscribed: status('unsubscribed'),
      suppressed: (subs?.results ?? []).reduce((sum, r) => sum + Number(r.suppressed ?? 0), 0),
    },
    activeCards: count(cards),
    backlog: { queuedDeliveries: count(queued), pendingEmails: count(pending) },
    days: (days?.results ?? []) as unknown as MailDay[],
    runs: await recentCronRuns(db, runs),
  }
}

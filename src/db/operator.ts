// Queries behind /healthz and the operator page: cron run records, daily mail counters, and counts.

/** One cron run as recorded at its end. */
export interface CronRun {
  scheduledAt: number
  finishedAt: number
  ms: number
  due: number
  rendered: number
  sent: number
  failed: number
  retried: number
  d1Calls: number
  rowsRead: number
  stopped: string | null
}

interface CronRunRow {
  scheduled_at: number
  finished_at: number
  ms: number
  due: number
  rendered: number
  sent: number
  failed: number
  retried: number
  d1_calls: number
  rows_read: number
  stopped: string | null
}

function toCronRun(r: CronRunRow): CronRun {
  return {
    scheduledAt: r.scheduled_at,
    finishedAt: r.finished_at,
    ms: r.ms,
    due: r.due,
    rendered: r.rendered,
    sent: r.sent,
    failed: r.failed,
    retried: r.retried,
    d1Calls: r.d1_calls,
    rowsRead: r.rows_read,
    stopped: r.stopped,
  }
}

/** Run records kept: two weeks is ~1,350 rows at one run every 15 minutes, plenty for the last 20. */
export const CRON_RUNS_KEPT_MS = 14 * 86_400_000
/** Daily mail counters kept: a year and a bit, ~400 tiny rows. */
const MAIL_DAYS_KEPT_MS = 400 * 86_400_000

/** Records a run and forgets old records and counters, in one round trip. */
export async function recordCronRun(db: D1Database, run: CronRun): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO cron_runs (scheduled_at, finished_at, ms, due, rendered, sent, failed, retried, d1_calls, rows_read, stopped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
      )
      .bind(
        run.scheduledAt,
        run.finishedAt,
        run.ms,
        run.due,
        run.rendered,
        run.sent,
        run.failed,
        run.retried,
        run.d1Calls,
        run.rowsRead,
        run.stopped,
      ),
    db.prepare('DELETE FROM cron_runs WHERE finished_at < ?1').bind(run.finishedAt - CRON_RUNS_KEPT_MS),
    db.prepare('DELETE FROM mail_daily WHERE day < ?1').bind(utcDay(run.finishedAt - MAIL_DAYS_KEPT_MS)),
  ])
}

/** The newest runs, newest first. */
export async function recentCronRuns(db: D1Database, limit: number): Promise<CronRun[]> {
  const { results } = await db
    .prepare('SELECT * FROM cron_runs ORDER BY finished_at DESC, id DESC LIMIT ?1')
    .bind(limit)
    .all<CronRunRow>()
  return results.map(toCronRun)
}

/** When the newest run that did not die ended (wall clock), or null before the first one. */
export async function lastCompletedRun(db: D1Database): Promise<CronRun | null> {
  const row = await db
    .prepare(
      "SELECT * FROM cron_runs WHERE stopped IS NULL OR stopped <> 'error' ORDER BY finished_at DESC, id DESC LIMIT 1",
    )
    .first<CronRunRow>()
  return row ? toCronRun(row) : null
}

/** 'YYYY-MM-DD' of an instant, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export type MailCounter = 'sent' | 'failed' | 'bounced' | 'complained'

/** Adds to today's (UTC) mail counters; put it in the same batch as what it counts. */
export function countMailStatement(
  db: D1Database,
  at: number,
  counts: Partial<Record<MailCounter, number>>,
): D1PreparedStatement {
  const n = (k: MailCounter) => counts[k] ?? 0
  return db
    .prepare(
      `INSERT INTO mail_daily (day, sent, failed, bounced, complained) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (day) DO UPDATE SET sent = sent + ?2, failed = failed + ?3,
         bounced = bounced + ?4, complained = complained + ?5`,
    )
    .bind(utcDay(at), n('sent'), n('failed'), n('bounced'), n('complained'))
}

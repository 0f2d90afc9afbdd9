// Taking back reminders rendered but not yet sent when their address unsubscribes or bounces.
import { HELD_PREFIX } from './outbox'

/** SQL over `alias`: a row of a batch that was tried, or that a run is sending now (leased, not just held). */
function busySql(alias: string, now: string): string {
  return `(${alias}.attempts > 0 OR (${alias}.lease_until > ${now} AND ${alias}.lease_id NOT LIKE '${HELD_PREFIX}%'))`
}

/**
 * Takes back reminders already rendered for these subscribers (`ids`: a subquery of subscriber ids, ?1
 * bound to `key`) but never sent, so unsubscribing or a bounce stops mail at once rather than after the
 * email in the outbox goes out. A batch that was already tried, or is being sent by a run right now,
 * keeps its exact body: its Idempotency-Key may already stand for it at Resend, so it is left alone. A
 * batch only held by the run that stored it is released first (every row of it), so that run's start of
 * it fails and it leases what is left instead of sending the body it holds in memory.
 */
export function withdrawUnsentRemindersStatements(
  db: D1Database,
  ids: string,
  key: string,
  now: number,
  reason: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE outbox SET lease_id = NULL, lease_until = NULL
       WHERE status = 'pending' AND lease_id LIKE '${HELD_PREFIX}%'
         AND batch_key IN (SELECT batch_key FROM outbox WHERE status = 'pending' AND kind = 'reminder'
           AND subscriber_id IN (${ids}))
         AND NOT EXISTS (SELECT 1 FROM outbox AS busy WHERE busy.batch_key = outbox.batch_key AND ${busySql('busy', '?2')})`,
      )
      .bind(key, now),
    db
      .prepare(
        `UPDATE outbox SET status = 'failed', last_error = ?3, message = '', lease_id = NULL, lease_until = NULL
       WHERE status = 'pending' AND kind = 'reminder' AND subscriber_id IN (${ids})
         AND NOT EXISTS (
           SELECT 1 FROM outbox AS tried
           WHERE tried.batch_key = outbox.batch_key AND ${busySql('tried', '?2')}
         )`,
      )
      .bind(key, now, `withdrawn: ${reason}`),
    // and their bodies (a settled email keeps none)
    db
      .prepare(
        `DELETE FROM outbox_bodies WHERE outbox_id IN (
           SELECT id FROM outbox WHERE subscriber_id IN (${ids}) AND status <> 'pending')`,
      )
      .bind(key),
  ]
}

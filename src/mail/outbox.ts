// The durable outbox: every email is stored before it is sent, and retried until accepted.
// (Interface fixed; the scheduler issue implements the bodies.)
import type { Config } from '../config'
import type { Env } from '../env'
import type { OutgoingMessage } from './message'

/** Stores a confirmation email (status pending); returns its outbox id. */
export async function enqueueConfirmation(
  db: D1Database,
  args: { subscriberId: string; message: OutgoingMessage; now: number },
): Promise<string> {
  void db
  void args
  throw new Error('enqueueConfirmation: not implemented yet')
}

/** How many confirmation emails this subscriber was sent since `since` (for the 3/hour cap). */
export async function countRecentConfirmations(db: D1Database, subscriberId: string, since: number): Promise<number> {
  void db
  void subscriberId
  void since
  throw new Error('countRecentConfirmations: not implemented yet')
}

/** Tries to send these outbox rows now; what fails stays pending for the cron to retry. */
export async function deliverNow(env: Env, config: Config, outboxIds: string[], now: number): Promise<void> {
  void env
  void config
  void outboxIds
  void now
  throw new Error('deliverNow: not implemented yet')
}

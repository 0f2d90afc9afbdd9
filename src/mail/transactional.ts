// Transactional emails (confirmations, manage links): stored under the per-mailbox caps and already
// leased to this request in the caller's D1 batch, then sent; a failed send stays for the cron.
import type { Config } from '../config'
import { insertUnderMailboxCaps, type OutboxRow } from '../db/outbox'
import type { RenderedEmail } from '../email/render'
import type { Env } from '../env'
import { randomId } from '../lib/crypto'
import { mailboxCaps } from '../security/rate-limit'
import { LEASE_MS, sanitizeMessage, sendLeased } from './outbox'

/** An email ready to store: put `insert` in a D1 batch; if it stored a row, `send` it. */
export interface HeldEmail {
  insert: D1PreparedStatement
  /** the outbox row `insert` stores */
  outboxId: string
  send: () => Promise<void>
}

export async function holdTransactional(
  env: Env,
  config: Config,
  args: { subscriberId: string; to: string; email: RenderedEmail; unsubscribeUrl: string; now: number },
): Promise<HeldEmail> {
  const id = randomId()
  const leaseId = randomId()
  const until = args.now + LEASE_MS
  const message = sanitizeMessage({
    from: config.mailFrom,
    to: args.to,
    subject: args.email.subject,
    html: args.email.html,
    text: args.email.text,
    headers: {
      'List-Unsubscribe': `<${args.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
  // One email per key: a retry of this row is the same request, byte for byte.
  const row: OutboxRow = {
    id,
    subscriberId: args.subscriberId,
    kind: 'confirm',
    batchKey: `confirm-${id}`,
    toEmail: message.to,
    message,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: args.now,
    leaseId,
    leaseUntil: until,
    providerId: null,
    lastError: null,
    createdAt: args.now,
    sentAt: null,
  }
  const caps = await mailboxCaps(config.signingSecret, args.to, args.now)
  return {
    insert: insertUnderMailboxCaps(env.DB, { ...row, now: args.now }, caps, { id: leaseId, until }),
    outboxId: id,
    send: async () => {
      try {
        await sendLeased(env, config, [row], leaseId, args.now)
      } catch (err) {
        // The row is stored: the cron sends it once the lease runs out.
        console.error(JSON.stringify({ event: 'deliver_now_error', error: String(err) }))
      }
    },
  }
}

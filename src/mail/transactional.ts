// Transactional emails (confirmations, manage links): stored under the per-mailbox caps and already
// leased to this request in the caller's D1 batch, then sent; a failed send stays for the cron.
import { insertUnderMailboxCaps, type OutboxEmail, type TransactionalKind } from '../db/outbox'
import type { RenderedEmail } from '../email/data'
import type { Config, Env } from '../env'
import { randomId } from '../lib/crypto'
import { mailboxCaps } from '../security/rate-limit'
import { LEASE_MS, sanitizeMessage, sendLeased } from './outbox'

/** What a request gives the mailer: its bindings, its settings, and a way to work after the answer. */
export interface RequestMail {
  env: Env
  config: Config
  waitUntil: (work: Promise<unknown>) => void
}

/** An email ready to store: put `insert` in a D1 batch; if its first statement stored a row, `send` it. */
export interface HeldEmail {
  /** the row (0 changes: a mailbox cap was reached), then its body */
  insert: D1PreparedStatement[]
  /** the outbox row `insert` stores */
  outboxId: string
  send: () => Promise<void>
}

export async function holdTransactional(
  env: Env,
  config: Config,
  args: {
    kind: TransactionalKind
    subscriberId: string
    to: string
    email: RenderedEmail
    unsubscribeUrl: string
    now: number
  },
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
  const row: OutboxEmail = {
    id,
    subscriberId: args.subscriberId,
    kind: args.kind,
    batchKey: `${args.kind}-${id}`,
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

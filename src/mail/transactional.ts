// Queues one transactional email (confirmation, manage link) and tries it right after the answer.
import type { TransactionalKind } from '../db/outbox'
import type { RenderedEmail } from '../email/data'
import type { Config, Env } from '../env'
import { deliverNow, enqueueTransactional } from './outbox'

/** What a request gives the mailer: its bindings, its settings, and a way to work after the answer. */
export interface RequestMail {
  env: Env
  config: Config
  waitUntil: (work: Promise<unknown>) => void
}

export async function queueTransactional(
  mail: RequestMail,
  args: {
    kind: TransactionalKind
    subscriberId: string
    to: string
    email: RenderedEmail
    unsubscribeUrl: string
    now: number
  },
): Promise<void> {
  // Counted together: at most 3 an hour per address (security/rate-limit.ts).
  const outboxId = await enqueueTransactional(mail.env.DB, {
    subscriberId: args.subscriberId,
    kind: args.kind,
    now: args.now,
    message: {
      from: mail.config.mailFrom,
      to: args.to,
      subject: args.email.subject,
      html: args.email.html,
      text: args.email.text,
      headers: {
        'List-Unsubscribe': `<${args.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    },
  })
  // Sent after the answer; a failure stays in the outbox for the cron to retry.
  mail.waitUntil(
    deliverNow(mail.env, mail.config, [outboxId], args.now).catch((err) => console.error('email send deferred', err)),
  )
}

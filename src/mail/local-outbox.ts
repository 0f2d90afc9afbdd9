// The local outbox transport: while RESEND_API_KEY is unset, mail is stored in D1 (dev_mail).
// (Interface fixed; the email work fills in the body.)
import type { MailTransport } from './transport'

export function createLocalOutboxTransport(db: D1Database, now: () => number): MailTransport {
  void db
  void now
  throw new Error('createLocalOutboxTransport: not implemented yet')
}

// The Queues send path's message (SEND_QUEUE): ids only, produced by the cron (src/cron/enqueue.ts)
// and consumed by src/queue/consume.ts. A page of 100 addresses' ids is a few KB, far under Queues' 128 KB.
export interface SendMessage {
  /** the cron run's claim on these deliveries: the consumer renders them only while it still holds */
  claimId: string
  /** the message's number within its claim, part of its emails' batch key (the Idempotency-Key) */
  page: number
  /** queued deliveries of at most one Resend batch of addresses, each address's together */
  deliveryIds: string[]
  /**
   * how many of deliveryIds each address has, in order, so that the consumer reads each address once; a
   * hint only (absent in older messages, and a wrong one costs a read, never a reminder)
   */
  perAddress?: number[]
  /** the cron run's now (scheduledTime): the consumer's clock starts there, plus the time in the queue */
  plannedAt: number
}

/** Anything else on the queue (a hand-sent test message, an older format) is logged and dropped. */
export function isSendMessage(body: unknown): body is SendMessage {
  if (typeof body !== 'object' || body === null) return false
  const m = body as Record<string, unknown>
  return (
    typeof m.claimId === 'string' &&
    Number.isInteger(m.page) &&
    typeof m.plannedAt === 'number' &&
    Array.isArray(m.deliveryIds) &&
    m.deliveryIds.every((id) => typeof id === 'string') &&
    (m.perAddress === undefined || (Array.isArray(m.perAddress) && m.perAddress.every(Number.isInteger)))
  )
}

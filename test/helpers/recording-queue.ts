// A SEND_QUEUE producer binding that keeps what the cron sent, so a test can deliver it (and deliver it again).
import type { SendMessage } from '../../src/domain/send-message'

export function recordingQueue() {
  const sent: SendMessage[] = []
  const queue = {
    async send(body: SendMessage) {
      sent.push(body)
    },
    async sendBatch(messages: Iterable<{ body: SendMessage }>) {
      for (const m of messages) sent.push(m.body)
    },
  } as unknown as Queue<SendMessage>
  return { queue, sent }
}

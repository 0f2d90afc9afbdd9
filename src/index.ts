// Worker entry: wires the HTTP app, the cron handler and the SEND_QUEUE consumer, nothing else.
import { app } from './app'
import { scheduled } from './cron/scheduled'
import type { Env } from './env'
import { consumeSendBatch } from './queue/consume'

export default {
  fetch: app.fetch,
  scheduled,
  queue: consumeSendBatch,
} satisfies ExportedHandler<Env>

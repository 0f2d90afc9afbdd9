// Benchmark baseline: Hono plus the resend SDK's batch send, nothing else (bundle-size floor).
import { Hono } from 'hono'
import { Resend } from 'resend'

type Bindings = { RESEND_API_KEY: string; RESEND_BASE_URL?: string }
const app = new Hono<{ Bindings: Bindings }>()

app.get('/', (c) => c.text('Hello, world'))
app.post('/send', async (c) => {
  const resend = new Resend(c.env.RESEND_API_KEY, { baseUrl: c.env.RESEND_BASE_URL })
  const { data, error } = await resend.batch.send(
    [{ from: 'a@example.com', to: 'b@example.com', subject: 'hi', text: 'hi' }],
    { idempotencyKey: crypto.randomUUID() },
  )
  return c.json({ data, error })
})

export default app

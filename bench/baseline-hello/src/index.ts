// Benchmark baseline: the smallest Hono Worker, one HTML page at GET / and an echo POST.
import { Hono } from 'hono'

const app = new Hono()
app.get('/', (c) => c.html('<!doctype html><title>hello</title><p>Hello, world</p>'))
app.post('/subscribe', async (c) => {
  const form = await c.req.parseBody()
  return c.html(`<!doctype html><title>ok</title><p>${typeof form.email === 'string' ? form.email.length : 0}</p>`)
})

export default app

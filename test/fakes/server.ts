// A Node http server around createFakeResend on a free loopback port, for e2e runs and screenshots.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createFakeResend, type FakeEmail, type FakeResend, type FakeResendOptions } from './resend.ts'

export interface FakeResendServer {
  /** base URL to put in RESEND_BASE_URL, e.g. http://127.0.0.1:41234 */
  url: string
  port: number
  fake: FakeResend
  /** every email accepted so far, in order */
  emails: FakeEmail[]
  /** waits until an email matching `match` arrives that was not already seen; bounded by timeoutMs */
  waitForEmail: (match: (e: FakeEmail) => boolean, timeoutMs?: number, after?: number) => Promise<FakeEmail>
  close: () => Promise<void>
}

async function readBody(req: IncomingMessage, limit = 2_000_000): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('request body too large for the fake')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export async function startFakeResendServer(options: FakeResendOptions = {}): Promise<FakeResendServer> {
  const fake = createFakeResend(options)
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const body = await readBody(req)
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string') headers.set(k, v)
        else if (Array.isArray(v)) for (const x of v) headers.append(k, x)
      }
      const controller = new AbortController()
      res.on('close', () => controller.abort())
      const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
        signal: controller.signal,
      })
      const response = await fake.handle(request)
      const out: Record<string, string> = {}
      response.headers.forEach((v, k) => {
        out[k] = v
      })
      res.writeHead(response.status, out)
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch {
      // 'network' faults and aborted hangs: drop the connection like a broken network would.
      res.destroy()
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  const waitForEmail: FakeResendServer['waitForEmail'] = async (match, timeoutMs = 15_000, after = 0) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = fake.emails.slice(after).find(match)
      if (found) return found
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`no matching email at the fake Resend within ${timeoutMs} ms (have ${fake.emails.length})`)
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    fake,
    emails: fake.emails,
    waitForEmail,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

// Starts SIMKeep under `wrangler dev` on a free loopback port with a fresh local D1 and a fake Resend.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type FakeResendServer, startFakeResendServer } from '../../fakes/server.ts'

export const ROOT = resolve(import.meta.dirname, '../../..')
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')

export const RESEND_KEY = 're_e2e_key'
export const MAIL_FROM = 'SIMKeep <remind@mail.simkeep.test>'
export const OPERATOR_NAME = 'SIMKeep e2e operator'

export interface RunningApp {
  url: string
  port: number
  resend: FakeResendServer
  /** the RESEND_WEBHOOK_SECRET the app runs with (whsec_…), to sign webhook calls */
  webhookSecret: string
  /** output of wrangler dev so far (for failure messages) */
  log: () => string
  stop: () => Promise<void>
}

/** A port nobody listens on now (never 8787). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((res, rej) => {
      const s = createServer()
      s.once('error', rej)
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => res(p))
      })
    })
    if (port !== 8787) return port
  }
  throw new Error('no free port')
}

/** Runs wrangler with the running Node (24 under npm scripts); bounded by timeoutMs. */
function runWrangler(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      rej(new Error(`wrangler ${args.join(' ')} timed out after ${timeoutMs} ms\n${out}`))
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) res(out)
      else rej(new Error(`wrangler ${args.join(' ')} exited ${code}\n${out}`))
    })
  })
}

const live = new Set<ChildProcess>()
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {}
  }
}
// Last resort: never leave wrangler or workerd behind, even when the test process dies.
process.on('exit', () => {
  for (const c of live) killGroup(c, 'SIGKILL')
})
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const c of live) killGroup(c, 'SIGKILL')
    process.exit(130)
  })
}

export interface StartOptions {
  sendHour?: number
  /** no RESEND_API_KEY: mail goes to the dev mailbox (the README's quick start), not to the fake */
  devMailbox?: boolean
  /** extra --var settings */
  vars?: Record<string, string>
  startTimeoutMs?: number
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  // A free port can be taken by someone else between our look and wrangler's bind: try once more.
  try {
    return await startAppOnce(options)
  } catch (e) {
    if (!/EADDRINUSE|address already in use/i.test(String(e))) throw e
    return startAppOnce(options)
  }
}

async function startAppOnce(options: StartOptions): Promise<RunningApp> {
  const resend = await startFakeResendServer({ apiKey: RESEND_KEY })
  const persist = mkdtempSync(join(tmpdir(), 'simkeep-e2e-'))
  let child: ChildProcess | undefined
  let output = ''
  const cleanup = async () => {
    if (child) {
      const c = child
      const exited = new Promise<void>((r) => {
        if (c.exitCode !== null || c.signalCode !== null) r()
        else c.once('exit', () => r())
      })
      killGroup(c, 'SIGTERM')
      const t = setTimeout(() => killGroup(c, 'SIGKILL'), 5_000)
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))])
      clearTimeout(t)
      killGroup(c, 'SIGKILL')
      live.delete(c)
    }
    await resend.close()
    rmSync(persist, { recursive: true, force: true })
  }
  try {
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], 120_000)
    const port = await freePort()
    const inspector = await freePort()
    const url = `http://127.0.0.1:${port}`
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`
    const vars: Record<string, string> = {
      PUBLIC_URL: url,
      SIGNING_SECRET: randomBytes(32).toString('base64url'),
      ...(options.devMailbox ? {} : { RESEND_API_KEY: RESEND_KEY, RESEND_BASE_URL: resend.url }),
      RESEND_WEBHOOK_SECRET: webhookSecret,
      MAIL_FROM,
      SEND_HOUR: String(options.sendHour ?? 9),
      OPERATOR_NAME: OPERATOR_NAME,
      OPERATOR_EMAIL: 'operator@example.com',
      ...options.vars,
    }
    const args = [
      WRANGLER,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--persist-to',
      persist,
      '--show-interactive-dev-session=false',
      '--log-level',
      'info',
    ]
    for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`)
    const c = spawn(process.execPath, args, {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = c
    live.add(c)
    c.stdout?.on('data', (d) => {
      output += d
    })
    c.stderr?.on('data', (d) => {
      output += d
    })

    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000)
    for (;;) {
      if (c.exitCode !== null) throw new Error(`wrangler dev exited with ${c.exitCode}\n${output}`)
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /healthz in time\n${output}`)
      try {
        const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
        if (r.ok) break
      } catch {}
      await new Promise((r) => setTimeout(r, 250))
    }
    return { url, port, resend, webhookSecret, log: () => output, stop: cleanup }
  } catch (e) {
    await cleanup()
    throw e
  }
}

/** Fires the cron as if at `time` (epoch ms); resolves when scheduled() and its waitUntil work finished. */
export async function fireCron(app: RunningApp, time: number, cron = '*/15 * * * *'): Promise<void> {
  const u = `${app.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}&time=${time}`
  const r = await fetch(u, { signal: AbortSignal.timeout(30_000) })
  const body = await r.text()
  if (!r.ok) throw new Error(`scheduled handler answered ${r.status}: ${body.slice(0, 300)}\n${app.log().slice(-2000)}`)
}

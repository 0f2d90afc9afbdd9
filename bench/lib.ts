// Shared benchmark plumbing: free ports, child processes (wrangler dev) that are always killed, waits.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '')
// Run wrangler on this Node (24 under npm scripts), whatever `node` is first on PATH.
const WRANGLER_JS = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')

/** A TCP port that is free on loopback right now (never 8787). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer()
      srv.once('error', reject)
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address()
        const p = typeof addr === 'object' && addr ? addr.port : 0
        srv.close(() => resolve(p))
      })
    })
    if (port !== 8787 && port > 0) return port
  }
  throw new Error('no free port')
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `simkeep-bench-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

const children = new Set<ChildProcess>()

/** Kills every child this process started (their whole process groups). */
export function killAll(): void {
  for (const child of children) stopChild(child)
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAll()
    process.exit(130)
  })
}
process.once('exit', killAll)

function stopChild(child: ChildProcess): void {
  children.delete(child)
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
  try {
    // The child leads its own process group (detached), so this reaches workerd too.
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    try {
      child.kill('SIGTERM')
    } catch {}
  }
}

async function stopAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  stopChild(child)
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])
  if (!done && child.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {}
    await Promise.race([exited, sleep(2000)])
  }
}

/** Runs wrangler synchronously; throws with its output when it fails. */
export function wranglerSync(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): string {
  const res = spawnSync(process.execPath, [WRANGLER_JS, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  if (res.status !== 0) {
    throw new Error(
      `wrangler ${args.slice(0, 3).join(' ')} failed (${res.status ?? res.signal}):\n${res.stderr}\n${res.stdout}`,
    )
  }
  return `${res.stdout}\n${res.stderr}`
}

/** The Worker's settings in every bench run: a fake key and a public-looking URL, Resend faked on loopback. */
export const BENCH_VARS = {
  RESEND_API_KEY: 're_bench',
  SIGNING_SECRET: 'bench-signing-secret-0123456789abcdef0123456789',
  RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  PUBLIC_URL: 'https://simkeep.example',
  MAIL_FROM: 'SIMKeep <remind@mail.simkeep.example>',
  OPERATOR_NAME: 'SIMKeep bench',
  OPERATOR_EMAIL: 'operator@simkeep.example',
}

export interface DevServer {
  url: string
  port: number
  inspectorPort: number
  /** the process group of wrangler and its workerd */
  pgid: number | undefined
  /** everything wrangler dev printed so far (stdout + stderr) */
  output: () => string
  /** lines printed after `mark` (a value returned by output().length) */
  since: (mark: number) => string
  stop: () => Promise<void>
}

/** Starts `wrangler dev` on a free loopback port and waits until it answers HTTP. */
export async function startWranglerDev(opts: {
  config: string
  persistTo?: string
  vars?: Record<string, string>
  cwd?: string
  readyPath?: string
  timeoutMs?: number
  /** fixed ports (e.g. a helper's own); free ones when absent */
  port?: number
  inspectorPort?: number
  /** more `wrangler dev` flags, e.g. --minify=false for readable profiles */
  args?: string[]
}): Promise<DevServer> {
  const port = opts.port ?? (await freePort())
  const inspector = opts.inspectorPort ?? (await freePort())
  const args = [
    'dev',
    '--config',
    opts.config,
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    String(inspector),
    '--show-interactive-dev-session=false',
    '--log-level',
    'log',
  ]
  if (opts.persistTo) args.push('--persist-to', opts.persistTo)
  args.push(...(opts.args ?? []))
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`)
  const child = spawn(process.execPath, [WRANGLER_JS, ...args], {
    cwd: opts.cwd ?? ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
  })
  children.add(child)
  let out = ''
  // Keeps what the Worker and wrangler print, minus the one-line-per-request access log.
  const collect = () => {
    let partial = ''
    return (d: Buffer) => {
      const text = partial + d.toString()
      const cut = text.lastIndexOf('\n')
      partial = cut < 0 ? text : text.slice(cut + 1)
      if (cut < 0) return
      for (const line of text.slice(0, cut).split('\n')) {
        if (/^\[wrangler:info\] (GET|POST|HEAD|PUT|DELETE) /.test(line)) continue
        out += `${line}\n`
      }
    }
  }
  child.stdout?.on('data', collect())
  child.stderr?.on('data', collect())
  const url = `http://127.0.0.1:${port}`
  const server: DevServer = {
    url,
    port,
    inspectorPort: inspector,
    pgid: child.pid,
    output: () => out,
    since: (mark) => out.slice(mark),
    stop: () => stopAndWait(child),
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early (${child.exitCode}):\n${out.slice(-4000)}`)
    try {
      const res = await fetch(url + (opts.readyPath ?? '/'), { signal: AbortSignal.timeout(5000) })
      await res.arrayBuffer()
      if (res.status < 500) return server
    } catch {}
    await sleep(300)
  }
  await server.stop()
  throw new Error(`wrangler dev did not answer within the timeout:\n${out.slice(-4000)}`)
}

/** Facts about this machine for the report. */
export function machineInfo(): Record<string, string> {
  const sh = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' })
    return (r.stdout ?? '').trim()
  }
  const cpu = sh('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).trim()
  const memKb = Number(sh('sh', ['-c', "grep MemTotal /proc/meminfo | awk '{print $2}'"]))
  const wrangler = sh(process.execPath, [WRANGLER_JS, '--version']).split('\n').pop() ?? ''
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: sh('nproc', []),
    cpu: cpu || 'unknown',
    memory: memKb ? `${(memKb / 1024 / 1024).toFixed(1)} GiB` : 'unknown',
    node: process.version,
    wrangler: wrangler.replace(/[^\d.]/g, '') || wrangler,
    load: sh('cat', ['/proc/loadavg']).split(' ').slice(0, 3).join(' '),
    git: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
  }
}

/** Runs `fn` with a deadline; rejects when it is passed. */
export async function withTimeout<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      fn(),
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** A small seeded PRNG (mulberry32), so seeds and fault patterns repeat. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

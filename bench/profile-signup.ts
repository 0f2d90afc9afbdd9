// Where one sign-up's time goes: sequential GET / and POST /subscribe against `wrangler dev`, the
// workerd and wrangler processes' CPU per request from /proc, and a V8 CPU profile of the Worker's
// isolate through the inspector, split by function (self time) and by stage (inclusive time).
// `node bench/profile-signup.ts`; PROFILE_N requests per route, PROFILE_PORT / PROFILE_INSPECTOR_PORT /
// PROFILE_PERSIST to pin the ports and the state directory (free ones and a temp dir otherwise).
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeResendServer } from '../test/fakes/server.ts'
import { clientIp, readForm, subscribeBody } from './http.ts'
import { BENCH_VARS, killAll, ROOT, sleep, startWranglerDev, tempDir, wranglerSync } from './lib.ts'

const N = Number(process.env.PROFILE_N ?? '300')
/** requests in flight at once (1: one after another, as the profile's per-request split assumes) */
const CONCURRENCY = Number(process.env.PROFILE_CONCURRENCY ?? '1')
/** PROFILE_CPU_ONLY=1: no V8 profile (the profiler itself costs CPU) */
const CPU_ONLY = process.env.PROFILE_CPU_ONLY === '1'
const optionalNumber = (k: string) => (process.env[k] ? Number(process.env[k]) : undefined)

/** Stages of a sign-up, by the functions that do them (inclusive time: each sample counts once per stage). */
const STAGES: Record<string, string[]> = {
  'read the form (parseBody)': ['readForm'],
  'validate (rawForm + validateSubscription)': ['rawForm', 'validateSubscription'],
  'rate limit (allowSignup)': ['allowSignup'],
  'answer page (sentPage)': ['sentPage', 'sendTypedAddressPage', 'TypedAddressPage'],
  'middleware (headers, language, config, CSRF)': [
    'secureHeaders',
    'secureHeaders2',
    'sameOriginOnly',
    'negotiateLocale',
    'getConfig',
  ],
  'find or create subscriber': ['findOrCreateSubscriber'],
  'signed links (signToken)': ['signToken'],
  'render confirmation email': ['renderConfirmationEmail'],
  'hold (sanitize, caps HMAC, statement)': ['holdTransactional'],
  'send (sendLeased)': ['sendLeased'],
  'whole deferred work (startConfirmation)': ['startConfirmation'],
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** CPU seconds (user + system) of every process in a process group, by command name. */
function groupCpu(pgid: number): Record<string, number> {
  const tick = 100
  const out: Record<string, number> = {}
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(f[2]) !== pgid) continue
      out[comm] = (out[comm] ?? 0) + (Number(f[11]) + Number(f[12])) / tick
    } catch {}
  }
  return out
}

const diff = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]))

class Inspector {
  private id = 0
  private pending = new Map<number, (v: unknown) => void>()
  private ws: WebSocket
  private constructor(ws: WebSocket) {
    this.ws = ws
    ws.addEventListener('message', (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: unknown }
      if (msg.id !== undefined) this.pending.get(msg.id)?.(msg.error ? Promise.reject(msg.error) : msg.result)
    })
  }
  static async open(port: number): Promise<Inspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{
      title?: string
      webSocketDebuggerUrl: string
    }>
    console.log(`   inspector targets: ${targets.map((t) => t.title).join(', ')}`)
    const target = targets.find((t) => !/^(core:|miniflare)/i.test(t.title ?? '')) ?? targets[0]
    if (!target) throw new Error('no inspector target')
    // wrangler's inspector proxy refuses a WebSocket without an Origin (undici's options accept headers).
    const ws = new WebSocket(target.webSocketDebuggerUrl, {
      headers: { origin: `http://127.0.0.1:${port}` },
    } as unknown as string[])
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve)
      ws.addEventListener('error', reject)
    })
    return new Inspector(ws)
  }
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.id
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (v: unknown) => void)
      this.ws.send(JSON.stringify({ id, method, params }))
    })
  }
  close() {
    this.ws.close()
  }
}

function summarise(p: Profile, requests: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const stage = new Map<string, number>()
  let busy = 0
  let total = 0
  for (let i = 0; i < p.samples.length; i++) {
    const us = p.timeDeltas[i] ?? 0
    total += us
    const leaf = byId.get(p.samples[i] as number)
    if (!leaf) continue
    const name = leaf.callFrame.functionName || '(anonymous)'
    if (name === '(idle)' || name === '(program)') continue
    busy += us
    // The leaf and its two nearest callers, so a shared helper shows who calls it.
    const callers: string[] = []
    for (let id = parent.get(leaf.id); id !== undefined && callers.length < 2; id = parent.get(id)) {
      const fn = byId.get(id)?.callFrame.functionName
      if (fn) callers.push(fn)
    }
    const where = `${name} ${leaf.callFrame.url.split('/').slice(-1)}:${leaf.callFrame.lineNumber + 1} < ${callers.join(' < ')}`
    self.set(where, (self.get(where) ?? 0) + us)
    const seen = new Set<string>()
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const fn = byId.get(id)?.callFrame.functionName ?? ''
      for (const [label, fns] of Object.entries(STAGES))
        if (!seen.has(label) && fns.includes(fn)) {
          seen.add(label)
          stage.set(label, (stage.get(label) ?? 0) + us)
        }
    }
  }
  const per = (us: number) => `${(us / requests / 1000).toFixed(3)} ms`
  console.log(`   isolate: profiled ${(total / 1e6).toFixed(2)} s, JS busy ${per(busy)} per sign-up`)
  console.log('   by stage (inclusive, per sign-up):')
  for (const [label, us] of [...stage].sort((a, b) => b[1] - a[1]))
    console.log(`     ${per(us).padStart(10)}  ${label}`)
  console.log('   top self time (per sign-up):')
  for (const [where, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45))
    console.log(`     ${per(us).padStart(10)}  ${where}`)
}

async function main() {
  const persist = process.env.PROFILE_PERSIST
  const state = persist ? null : tempDir('profile')
  const stateDir = persist ?? join(state?.path ?? '', 'state')
  const fake = await startFakeResendServer({ apiKey: 're_bench' })
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir])
  const app = await startWranglerDev({
    config: join(ROOT, 'wrangler.toml'),
    persistTo: stateDir,
    readyPath: '/healthz',
    port: optionalNumber('PROFILE_PORT'),
    inspectorPort: optionalNumber('PROFILE_INSPECTOR_PORT'),
    // Readable function names in the profile (the deployed bundle is minified).
    args: ['--minify=false'],
    vars: { ...BENCH_VARS, RESEND_BASE_URL: fake.url },
  })
  try {
    const pgid = app.pgid as number
    const template = await readForm(app.url)
    const origin = new URL(app.url).origin
    let n = Date.now() % 1_000_000_000
    const post = async () => {
      n++
      const body = subscribeBody(template, n)
      const res = await fetch(app.url + template.action, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          'sec-fetch-site': 'same-origin',
          cookie: template.cookie,
          'cf-connecting-ip': clientIp(n),
        },
      })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`POST /subscribe answered ${res.status}`)
    }
    const get = async () => {
      n++
      const res = await fetch(`${app.url}/?lang=en`, { headers: { 'cf-connecting-ip': clientIp(n) } })
      await res.arrayBuffer()
    }
    const settle = async (emails: number) => {
      const deadline = Date.now() + 60_000
      while (fake.emails.length < emails && Date.now() < deadline) await sleep(50)
    }
    // Warm-up: the isolate's first requests compile and fill its caches.
    for (let i = 0; i < 30; i++) await post()
    for (let i = 0; i < 30; i++) await get()
    await settle(30)
    await sleep(500)

    const timed = async (label: string, fn: () => Promise<void>, wait: () => Promise<void>) => {
      const cpu0 = groupCpu(pgid)
      const self0 = process.cpuUsage()
      const t0 = performance.now()
      const lat: number[] = []
      let next = 0
      const worker = async () => {
        while (next++ < N) {
          const a = performance.now()
          await fn()
          lat.push(performance.now() - a)
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      await wait()
      const wall = performance.now() - t0
      const cpu = diff(cpu0, groupCpu(pgid))
      const self = process.cpuUsage(self0)
      // This process: the load client and the fake Resend (which parses every email sent to it).
      cpu['this script (client + fake Resend)'] = (self.user + self.system) / 1e6
      lat.sort((a, b) => a - b)
      const ms = (s: number) => `${((s * 1000) / N).toFixed(2)} ms`
      const cores =
        (Object.values(cpu).reduce((a, b) => a + b, 0) - (cpu['this script (client + fake Resend)'] ?? 0)) /
        (wall / 1000)
      console.log(
        `   ${label}: ${N} requests, ${CONCURRENCY} at a time, ${((N * 1000) / wall).toFixed(1)} req/s, ${cores.toFixed(2)} cores busy in wrangler + workerd, latency p50 ${lat[Math.floor(N / 2)]?.toFixed(2)} ms, mean ${(wall / N).toFixed(2)} ms incl. deferred work; CPU per request: ${Object.entries(
          cpu,
        )
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', ')}`,
      )
    }
    await timed('GET /', get, async () => {})
    if (CPU_ONLY) {
      // One small D1 read and a JSON answer: against GET /, about what one D1 round trip costs here.
      await timed(
        'GET /healthz',
        async () => {
          const res = await fetch(`${app.url}/healthz`)
          await res.arrayBuffer()
        },
        async () => {},
      )
      const before = fake.emails.length
      await timed('POST /subscribe', post, () => settle(before + N))
      return
    }
    const inspector = await Inspector.open(app.inspectorPort)
    await inspector.send('Profiler.enable')
    await inspector.send('Profiler.setSamplingInterval', { interval: 50 })
    await inspector.send('Profiler.start')
    const before = fake.emails.length
    await timed('POST /subscribe', post, () => settle(before + N))
    const { profile } = await inspector.send<{ profile: Profile }>('Profiler.stop')
    inspector.close()
    console.log(`   confirmation emails accepted: ${fake.emails.length - before} of ${N}`)
    if (process.env.PROFILE_OUT) {
      writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile))
      // The bundle the profile's line numbers refer to (wrangler removes it when it stops).
      const dev = readdirSync(join(ROOT, '.wrangler/tmp')).filter((d) => d.startsWith('dev-'))
      for (const d of dev)
        copyFileSync(join(ROOT, '.wrangler/tmp', d, 'index.js'), `${process.env.PROFILE_OUT}.${d}.js`)
    }
    summarise(profile, N)
  } finally {
    await app.stop()
    await fake.close()
    state?.remove()
  }
}

try {
  await main()
} finally {
  killAll()
}

// `npm start`: a local SIMKeep on http://localhost:8787 with an embedded D1 and the dev
// mailbox. Creates .dev.vars with a random SIGNING_SECRET on first run; needs no account or key.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const STATE = '.state'
const port = process.env.PORT ?? '8787'

if (!existsSync('.dev.vars') || !/^SIGNING_SECRET=/m.test(readFileSync('.dev.vars', 'utf8'))) {
  const line = `SIGNING_SECRET=${randomBytes(32).toString('base64url')}\n`
  writeFileSync('.dev.vars', existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') + line : line)
  console.log('Created .dev.vars with a random SIGNING_SECRET (local only, git-ignored).')
}

const wrangler = (args, opts = {}) => spawnSync('npx', ['wrangler', ...args], { stdio: 'inherit', ...opts })

// Brings the local database up to date: migrations/ not yet applied to .state/, in order. Quiet unless it
// fails (stdin ignored, so wrangler does not ask for confirmation).
const applied = wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE], {
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
})
if (applied.status !== 0) {
  process.stdout.write(applied.stdout ?? '')
  process.stderr.write(applied.stderr ?? '')
  process.exit(applied.status ?? 1)
}
console.log('Local D1 ready (migrations applied to .state/).')

console.log(`\nSIMKeep: http://localhost:${port}  ·  dev mailbox: http://localhost:${port}/dev/mailbox`)
// wrangler's own hint names /cdn-cgi/local/scheduled; this one also takes a chosen time (README).
console.log(
  `Fire the cron at a chosen instant: http://localhost:${port}/cdn-cgi/handler/scheduled?cron=*/15+*+*+*+*&time=<epoch ms>\n`,
)
// Who runs this copy, for /privacy and every email's footer, and where its links point: local
// stand-ins unless .dev.vars names them.
const devVars = readFileSync('.dev.vars', 'utf8')
const localVars = [
  ['OPERATOR_NAME', 'SIMKeep local test'],
  ['OPERATOR_EMAIL', 'operator@example.com'],
  // Links in emails point here: on another PORT too (wrangler.toml's PUBLIC_URL is port 8787's).
  ['PUBLIC_URL', `http://localhost:${port}`],
].flatMap(([name, value]) => (new RegExp(`^${name}=`, 'm').test(devVars) ? [] : ['--var', `${name}:${value}`]))
// wrangler's own launcher, not npx: it passes SIGINT and SIGTERM on to wrangler, which stops workerd, so
// stopping this script stops the server (under npx, wrangler and workerd outlived a SIGTERM).
const dev = spawn(
  join('node_modules', '.bin', 'wrangler'),
  ['dev', '--persist-to', STATE, '--port', port, '--ip', '127.0.0.1', ...localVars],
  { stdio: 'inherit' },
)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => dev.kill(sig))
dev.on('exit', (code) => process.exit(code ?? 0))

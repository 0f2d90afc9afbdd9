// The Worker as it would be deployed (`wrangler deploy --dry-run --outdir`): at most 124 KiB gzip,
// and without postal-mime, the inbound-mail parser the resend SDK imports but SIMKeep never runs
// (wrangler.toml [alias] swaps in src/lib/no-postal-mime.ts). Fails if an SDK upgrade or a new
// dependency brings either back.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'

const ROOT = resolve(import.meta.dirname, '../..')
/**
 * The budget; wrangler's own "gzip" figure is what is compared. Issue 11 asked for ≤ 100 KiB, met at
 * 89.7 KiB once postal-mime was gone; the carrier guides, the privacy page and the three languages' new
 * copy then brought it to ~112 KiB (CJK text compresses poorly), and later copy (auto-renewal wording,
 * each carrier's own slow channels) to ~119 KiB. Raised to 122 KiB on 30 November, deliberately: the
 * fixes a new-user walkthrough asked for (confirmation links that survive "send it again", one pending
 * card for a form sent twice, the unsubscribe link opened again, one calendar link for all cards) took
 * it to 120.2 KiB, and no dead code or copy was left to trim. The budget is kept so that a new
 * dependency or dead code still fails here, well under Workers' 3 MiB (Free) startup limit; the
 * headroom is small on purpose: copy that needs more should come with a trim or an explained raise.
 * Raised to 124 KiB on 30 November (twelfth session): the reminders now say what happens if the date is
 * missed, tell a card with a day left not to wait 24 hours, give SmarTone's second cancellation rule and
 * the plan's own-day wording, and the pages gained the "pick at least one day" error and the note that
 * a second card keeps the address’s language and hour, the remove-card and "adds a second card" pages, the
 * deleted-link answer; three languages each, 123.6 KiB in all.
 * (Writing the bundle as UTF-8 instead of esbuild's \uXXXX escapes would save only ~1.5 KiB gzip,
 * measured, and wrangler offers no option for it.)
 */
const MAX_GZIP_KIB = 124
/** Strings only postal-mime carries: its HTML entity table and a MIME header it parses. */
const POSTAL_MIME_MARKERS = ['CounterClockwiseContourIntegral', 'content-description']

describe('the deployed bundle', { timeout: 5 * 60_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'simkeep-bundle-'))
  let report = ''
  let code = ''

  before(() => {
    const wrangler = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')
    const res = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    report = `${res.stdout}\n${res.stderr}`
    assert.equal(res.status, 0, `wrangler deploy --dry-run failed:\n${report.slice(-3000)}`)
    code = readdirSync(out)
      .filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n')
  })
  after(() => rmSync(out, { recursive: true, force: true }))

  test(`is at most ${MAX_GZIP_KIB} KiB gzip`, () => {
    const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(report)
    assert.ok(m, `no "Total Upload" line in wrangler's output:\n${report.slice(-2000)}`)
    const gzip = Number(m[2])
    console.log(`bundle: ${m[1]} KiB, ${gzip} KiB gzip (budget ${MAX_GZIP_KIB})`)
    assert.ok(gzip <= MAX_GZIP_KIB, `the Worker is ${gzip} KiB gzip, over the ${MAX_GZIP_KIB} KiB budget`)
  })

  test('carries no postal-mime, only its stand-in', () => {
    for (const marker of POSTAL_MIME_MARKERS)
      assert.ok(!code.includes(marker), `postal-mime is back (found "${marker}")`)
    assert.ok(code.includes('postal-mime is not bundled in SIMKeep'), 'the stand-in for postal-mime is missing')
  })

  test('still sends through the resend SDK and verifies webhooks with it', () => {
    // The SDK's batch endpoint and its webhook verifier (standardwebhooks) are in the bundle.
    assert.ok(code.includes('/emails/batch'), 'the resend SDK batch sender is missing')
    assert.ok(code.includes('webhook-signature'), 'the resend SDK webhook verifier is missing')
  })
})

// E2E gates for the operator page (/admin). The real page needs a Cloudflare Access token and the
// team's keys (test/integration/admin.test.ts covers that path); here its view is rendered with a
// month of sample figures and checked in Chromium at phone and desktop widths: axe-core, the Nu HTML
// Checker, no sideways scrolling on a phone, and the same style-only-from-self CSP as every page.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { ROOT } from './lib/app.ts'
import { launchBrowser } from './lib/browser.ts'
import { artifactsDir, axeViolations, save, vnuErrors } from './lib/gates.ts'

const out = artifactsDir('e2e-admin')
rmSync(out, { recursive: true, force: true })
const ORIGIN = 'https://simkeep.test'
// The app's policy for pages without scripts (src/app.ts).
const CSP =
  "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

/** The view, its stylesheets and sample figures, bundled for Node by esbuild (the view is TSX). */
async function renderSample(): Promise<{ html: string; css: Record<string, string> }> {
  const file = join(out, 'render.mjs')
  await build({
    stdin: {
      contents: `
        import { AdminPage } from './src/views/admin-page'
        import { ADMIN_CSS } from './src/views/admin-css'
        import { SITE_CSS } from './src/views/styles'
        const DAY = 86_400_000
        const now = Date.UTC(2026, 11, 15, 3, 30)
        const days = Array.from({ length: 30 }, (_, i) => new Date(now - (29 - i) * DAY).toISOString().slice(0, 10))
        const stats = {
          subscribers: { pending: 12, active: 3480, unsubscribed: 210, suppressed: 9 },
          activeCards: 4120,
          backlog: { queuedDeliveries: 37, pendingEmails: 4 },
          days: days.map((day, i) => ({ day, sent: 900 + ((i * 137) % 400), failed: i % 7 === 0 ? 12 : 0, bounced: i % 5, complained: i % 3 === 0 ? 12 : 0 })),
          runs: Array.from({ length: 20 }, (_, i) => ({
            scheduledAt: now - i * 900_000, finishedAt: now - i * 900_000 + 2000, ms: 1800 + i, due: 40 - i, rendered: 40 - i,
            sent: 40 - i, failed: i === 3 ? 2 : 0, retried: 0, d1Calls: 12, rowsRead: 420, stopped: [null, 'emails', 'rate_limited', 'error'][i % 4],
          })),
        }
        export const html = AdminPage({ stats, days, now, who: 'operator@example.com' }).toString()
        export const css = { '/assets/site.css': SITE_CSS, '/admin/admin.css': ADMIN_CSS }
      `,
      resolveDir: ROOT,
      loader: 'tsx',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: file,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  })
  const m = (await import(pathToFileURL(file).href)) as { html: unknown; css: Record<string, string> }
  return { html: String(await m.html), css: m.css }
}

describe('the operator page', { timeout: 5 * 60_000 }, () => {
  let browser: Browser | undefined
  let sample: { html: string; css: Record<string, string> }

  before(async () => {
    sample = await renderSample()
    save(join(out, 'html'), 'admin.html', sample.html)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close().catch(() => {})
  })

  async function open(width: number): Promise<{ page: Page; cspViolations: string[] }> {
    if (!browser) throw new Error('no browser')
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    const cspViolations: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') cspViolations.push(m.text())
    })
    // Nothing leaves the machine: the page and its two stylesheets are answered here.
    await page.route('**/*', (route) => {
      const path = new URL(route.request().url()).pathname
      const css = sample.css[path]
      if (path === '/admin') {
        return route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP },
          body: sample.html,
        })
      }
      if (css) return route.fulfill({ status: 200, headers: { 'content-type': 'text/css' }, body: css })
      return route.abort()
    })
    await page.goto(`${ORIGIN}/admin`)
    return { page, cspViolations }
  }

  test('reads on a phone (390 px): no sideways scrolling, figures and chart visible', async () => {
    const { page, cspViolations } = await open(390)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`)
    assert.ok(await page.getByRole('img', { name: 'Emails sent and failed per day' }).isVisible())
    assert.ok(await page.getByText('above 0.3%').first().isVisible())
    save(out, 'admin-390.png', await page.screenshot({ fullPage: true }))
    assert.deepEqual(cspViolations, [])
    await page.context().close()
  })

  test('gate: axe-core finds no violations (phone and desktop)', async () => {
    for (const width of [390, 1280]) {
      const { page } = await open(width)
      if (width === 1280) save(out, 'admin-1280.png', await page.screenshot({ fullPage: true }))
      assert.deepEqual(await axeViolations(page), [], `axe at ${width}px`)
      await page.context().close()
    }
  })

  test('gate: the Nu HTML Checker finds no errors', async () => {
    const errors = await vnuErrors(join(out, 'html'))
    assert.deepEqual(
      errors.map((e) => `${e.line}: ${e.message} ${e.extract ?? ''}`),
      [],
    )
  })
})

// E2E: the README's quick start in a browser: no Resend key, so mail lands in the dev mailbox viewer.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { fireCron, type RunningApp, startApp } from './lib/app.ts'
import { launchBrowser } from './lib/browser.ts'
import { artifactsDir, axeViolations, save, vnuErrors } from './lib/gates.ts'
import { addDays, atHK, todayHK } from './lib/journey.ts'

const out = artifactsDir('e2e-mailbox')
rmSync(out, { recursive: true, force: true })
const STEP_MS = 20_000

describe('quick start: the dev mailbox instead of Resend', { timeout: 5 * 60_000 }, () => {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let ctx: BrowserContext | undefined
  let page: Page
  let blocked: string | null = null
  const axeProblems: string[] = []
  let saved = 0
  const email = `mailbox-${Date.now()}@e2e.simkeep.test`
  const expiresOn = addDays(todayHK(), 30)

  before(async () => {
    app = await startApp({ devMailbox: true })
    browser = await launchBrowser()
    ctx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Hong_Kong' })
    ctx.setDefaultTimeout(STEP_MS)
    page = await ctx.newPage()
  })
  after(async () => {
    await ctx?.close().catch(() => {})
    await browser?.close().catch(() => {})
    if (app) save(out, 'wrangler-dev.log', app.log())
    await app?.stop()
  })

  /** Gates for a page: axe now, its HTML kept for the Nu checker. */
  async function check(name: string, response: Response | null): Promise<void> {
    assert.ok(response, `${name}: no response`)
    assert.equal(response.status(), 200, `${name} answered ${response.status()}`)
    save(join(out, 'html'), `${name}-${++saved}.html`, await response.text())
    // The email's own html sits in a script-less sandboxed frame, which axe cannot enter (and which
    // the journey's email gates already cover).
    const violations = await axeViolations(page, ['iframe'])
    if (violations.length) axeProblems.push(`${name} ${page.url()}\n  ${violations.join('\n  ')}`)
  }

  async function click(selector: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest(), { timeout: STEP_MS }),
      page.locator(selector).first().click(),
    ])
    await page.waitForLoadState('load')
    return response
  }

  /** Opens the newest dev mailbox message whose subject matches, and returns the links it lists. */
  async function openMail(subject: RegExp): Promise<string[]> {
    await check('mailbox', await page.goto(`${app!.url}/dev/mailbox`))
    const row = page.locator('tbody tr').filter({ hasText: email }).filter({ hasText: subject }).first()
    assert.equal(await row.count(), 1, `a dev mailbox message to ${email} matching ${subject}`)
    await check('mailbox-message', await click(`tbody tr:has-text("${email}") a >> nth=0`))
    return page.locator('a[href^="http"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))
  }

  const step = (name: string, fn: () => Promise<void>) =>
    test(name, async (t) => {
      if (blocked) return t.skip(blocked)
      try {
        await fn()
      } catch (e) {
        blocked = `an earlier step failed: ${name}`
        throw e
      }
    })

  step('subscribe; the confirmation email is in the dev mailbox; confirm from its link', async () => {
    assert.ok(app)
    await page.goto(`${app.url}/?lang=en`)
    await page.locator('form[action="/subscribe"] [name="email"]').fill(email)
    await page.locator('form[action="/subscribe"] [name="expires_on"]').fill(expiresOn)
    // The reminder days sit under "More settings".
    await page.locator('form[action="/subscribe"] details.more > summary').click()
    for (const box of await page.locator('form[action="/subscribe"] [name="lead_days"][type="checkbox"]').all()) {
      await box.setChecked((await box.getAttribute('value')) === '7')
    }
    const answer = await click('form[action="/subscribe"] [type="submit"]')
    assert.equal(answer.status(), 200, `subscribe answered ${answer.status()}`)
    const links = await openMail(/./)
    const confirm = links.find((l) => l.includes('/confirm/'))
    assert.ok(confirm, `a confirm link among ${links.join(', ')}`)
    await page.goto(confirm)
    const done = await click('form[method="post" i] [type="submit"]')
    assert.equal(done.status(), 200, `confirm answered ${done.status()}`)
  })

  step('the cron puts the reminder in the dev mailbox; its links work', async () => {
    assert.ok(app)
    await fireCron(app, atHK(addDays(expiresOn, -7), 9))
    await page.goto(`${app.url}/dev/mailbox`)
    const rows = page.locator('tbody tr').filter({ hasText: email })
    assert.equal(await rows.count(), 2, 'the confirmation and the reminder')
    const links = await openMail(/./)
    for (const kind of ['manage', 'renewed', 'unsubscribe']) {
      const link = links.find((l) => l.includes(`/${kind}/`))
      assert.ok(link, `a ${kind} link in the reminder`)
      assert.equal((await page.goto(link))?.status(), 200, `${kind} link`)
    }
    const unsubscribe = links.find((l) => l.includes('/unsubscribe/'))!
    await page.goto(unsubscribe)
    const res = await click('form[method="post" i] [type="submit"]')
    assert.equal(res.status(), 200, `unsubscribe answered ${res.status()}`)
  })

  step('the dev mailbox answers loopback hosts only', async () => {
    assert.ok(app)
    // fetch() always sends the real Host, so ask with node:http, which sends the one we give.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${app!.url}/dev/mailbox`,
        { headers: { host: 'simkeep.example.com' }, timeout: STEP_MS },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('timeout', () => req.destroy(new Error('no answer')))
      req.on('error', reject)
      req.end()
    })
    assert.equal(status, 404, `a non-loopback Host header got ${status}`)
  })

  test('gate: axe-core finds no violations on the dev mailbox pages', () => {
    assert.deepEqual(axeProblems, [], `axe violations:\n${axeProblems.join('\n')}`)
  })
  test('gate: the Nu HTML Checker finds no errors on the dev mailbox pages', async (t) => {
    if (saved === 0) return t.skip('no page was captured')
    const errors = await vnuErrors(join(out, 'html'))
    const lines = errors.map((e) => `${e.file.split('/').pop()}:${e.line ?? '?'}: ${e.message}  ${e.extract ?? ''}`)
    assert.deepEqual(lines, [], `vnu errors:\n${lines.join('\n')}`)
  })
})

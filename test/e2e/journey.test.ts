// E2E: the whole subscriber journey in Debian's Chromium against `wrangler dev`, with axe, vnu and email-CSS gates.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { type RunningApp, startApp } from './lib/app.ts'
import { launchBrowser } from './lib/browser.ts'
import { artifactsDir, axeViolations, emailAxeViolations, emailCssErrors, save, vnuErrors } from './lib/gates.ts'
import { Journey, journeySteps } from './lib/journey.ts'

// Known gaps in colleagues' work, shown as TODO (their failures are printed but do not fail the run).
// Remove an entry as soon as its part lands: from then on it fails the run like any other step.
const TODO: Partial<Record<'scheduler' | 'emailCss' | 'console', string>> = {}

const out = artifactsDir('e2e')
rmSync(out, { recursive: true, force: true })
const htmlDir = join(out, 'html')
const axeProblems: string[] = []
const cssProblems = new Set<string>()
let pages = 0
let emails = 0

// The whole journey takes 3–5 minutes on a quiet machine; a busy shared one can take several times that.
describe('SIMKeep in a real browser', { timeout: 30 * 60_000 }, () => {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let journey: Journey | undefined
  let blocked: string | null = null

  before(async () => {
    app = await startApp()
    browser = await launchBrowser()
    const mailContext = await browser.newContext()
    journey = new Journey(app, browser, {
      async onPage(name, lang, page, response) {
        pages++
        save(htmlDir, `page-${name}-${lang}-${pages}.html`, await response.text())
        const violations = await axeViolations(page)
        if (violations.length) axeProblems.push(`${name} (${lang}) ${page.url()}\n  ${violations.join('\n  ')}`)
      },
      async onEmail(kind, lang, email) {
        emails++
        save(htmlDir, `email-${kind}-${lang}-${emails}.html`, email.html ?? '')
        save(join(out, 'text'), `email-${kind}-${lang}-${emails}.txt`, `Subject: ${email.subject}\n\n${email.text}`)
        const mailPage = await mailContext.newPage()
        try {
          const violations = await emailAxeViolations(mailPage, email.html ?? '')
          if (violations.length) axeProblems.push(`email ${kind} (${lang})\n  ${violations.join('\n  ')}`)
        } finally {
          await mailPage.close()
        }
        const errors = emailCssErrors(email.html ?? '')
        for (const e of errors) cssProblems.add(`${kind} (${lang}): ${e}`)
      },
    })
  })

  after(async () => {
    await journey?.close()
    await browser?.close().catch(() => {})
    if (app) save(out, 'wrangler-dev.log', app.log())
    await app?.stop()
  })

  const step = (name: string, fn: (j: Journey) => Promise<void>, needs?: keyof typeof TODO) =>
    test(name, { todo: needs && TODO[needs] }, async (t) => {
      if (blocked) return t.skip(blocked)
      assert.ok(journey, 'the app did not start')
      try {
        await fn(journey)
      } catch (e) {
        blocked = `an earlier step failed: ${name}`
        throw e
      }
    })

  for (const { name, run, needs } of journeySteps()) step(name, run, needs)

  test('figures: the sign-up form at 390 × 844 in each language (docs/quality.md)', (t) => {
    for (const l of journey?.layouts ?? []) {
      t.diagnostic(
        `${l.lang}: page ${l.height} px, expiry field ends at ${l.expiryBottom} px, button top ${l.buttonTop} px`,
      )
    }
  })

  test('gate: axe-core finds no violations on any page or email', () => {
    assert.deepEqual(axeProblems, [], `axe violations:\n${axeProblems.join('\n')}`)
  })
  test('gate: no browser console errors or CSP violations on any page', { todo: TODO.console }, () => {
    const errors = [...new Set(journey?.consoleErrors ?? [])]
    assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`)
  })
  test('gate: email CSS works in Gmail, Outlook and Apple Mail', { todo: TODO.emailCss }, () => {
    assert.deepEqual([...cssProblems], [], `doiuse-email errors:\n${[...cssProblems].join('\n')}`)
  })
  test('gate: the Nu HTML Checker finds no errors in any page or email', async (t) => {
    if (pages + emails === 0) return t.skip('no page or email was captured')
    const errors = await vnuErrors(htmlDir)
    const lines = errors.map((e) => `${e.file.split('/').pop()}:${e.line ?? '?'}: ${e.message}  ${e.extract ?? ''}`)
    assert.deepEqual(lines, [], `vnu errors:\n${lines.join('\n')}`)
  })
})

// E2E: the whole subscriber journey in Debian's Chromium against `wrangler dev`, with axe, vnu and email-CSS gates.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { type RunningApp, startApp } from './lib/app.ts'
import { launchBrowser } from './lib/browser.ts'
import { artifactsDir, axeViolations, emailCssErrors, save, vnuErrors } from './lib/gates.ts'
import { Journey, LOCALES } from './lib/journey.ts'

// Known gaps in colleagues' work, shown as TODO (their failures are printed but do not fail the run).
// Remove an entry as soon as its part lands: from then on it fails the run like any other step.
const TODO: Partial<Record<'scheduler' | 'emailCss', string>> = {
  emailCss: 'issue 3: the hidden preheader uses display:none, which Gmail mobile webmail ignores',
}

const out = artifactsDir('e2e')
rmSync(out, { recursive: true, force: true })
const htmlDir = join(out, 'html')
const axeProblems: string[] = []
const cssProblems = new Set<string>()
let pages = 0
let emails = 0

describe('SIMKeep in a real browser', { timeout: 10 * 60_000 }, () => {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let journey: Journey | undefined
  let blocked: string | null = null

  before(async () => {
    app = await startApp()
    browser = await launchBrowser()
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

  for (const lang of LOCALES) step(`the form in ${lang}`, (j) => j.openForm(lang))
  for (const lang of LOCALES) step(`bad input shows field errors in ${lang}`, (j) => j.badInput(lang))
  for (const lang of LOCALES) step(`a forged link gets an error page in ${lang}`, (j) => j.errorPage(lang))
  for (const lang of LOCALES) {
    step(`subscribe and confirm by email in ${lang}`, async (j) => {
      await j.subscribe('main', lang)
      await j.confirm('main', lang)
      await j.subscribe('extra', lang)
      await j.confirm('extra', lang)
      await j.subscribe('leaver', lang)
      await j.confirm('leaver', lang)
    })
  }
  for (const lang of LOCALES) step(`unsubscribe in the browser in ${lang}`, (j) => j.unsubscribeInBrowser(lang))
  step('the monthly balance check arrives at SEND_HOUR on the 1st', (j) => j.balanceCheck(), 'scheduler')
  step('the 1-day reminder, then the expiry notice', (j) => j.expiryNotice(), 'scheduler')
  step('the 7-day reminder arrives once, in each language', (j) => j.reminder(), 'scheduler')
  for (const lang of LOCALES) step(`the manage page in ${lang}`, (j) => j.manage(lang), 'scheduler')
  for (const lang of LOCALES) step(`"I've renewed" in ${lang}`, (j) => j.renewed(lang), 'scheduler')
  step('no reminder for the old expiry after renewing', (j) => j.noOldReminder(), 'scheduler')
  step(
    'RFC 8058 one-click unsubscribe from the List-Unsubscribe header answers 200, twice',
    (j) => j.oneClickUnsubscribe(),
    'scheduler',
  )
  step('no more email after unsubscribing', (j) => j.noMoreEmail(), 'scheduler')

  test('gate: axe-core finds no violations on any page', () => {
    assert.deepEqual(axeProblems, [], `axe violations:\n${axeProblems.join('\n')}`)
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

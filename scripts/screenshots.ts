// `npm run screenshots`: runs the browser journey and writes every page (3 languages × 1280/390 px) and email to docs/screenshots/.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ROOT, type RunningApp, startApp } from '../test/e2e/lib/app.ts'
import { launchBrowser } from '../test/e2e/lib/browser.ts'
import { Journey, journeySteps } from '../test/e2e/lib/journey.ts'

const OUT = join(ROOT, 'docs/screenshots')
const WIDTHS = [1280, 390] as const
/** Taller pages are cut here, so that no PNG gets huge. */
const MAX_HEIGHT = 3600

/** A full-page PNG at `width`; pages get a real window height, emails only their own height. */
async function shoot(page: Page, file: string, width: number, minHeight = width > 500 ? 900 : 844): Promise<void> {
  await page.setViewportSize({ width, height: minHeight })
  await page.evaluate(() => document.fonts.ready)
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  const path = join(OUT, file)
  if (height <= MAX_HEIGHT) await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' })
  else {
    await page.screenshot({
      path,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: MAX_HEIGHT },
      animations: 'disabled',
      caret: 'hide',
    })
  }
  console.log(`  ${file}${height > MAX_HEIGHT ? ` (cut at ${MAX_HEIGHT} of ${height} px)` : ''}`)
}

async function main(): Promise<number> {
  mkdirSync(OUT, { recursive: true })
  // Only this script's own files (name-lang-width.png): others in docs/screenshots are left alone.
  for (const f of readdirSync(OUT)) if (/-(1280|390)\.png$/.test(f)) rmSync(join(OUT, f))
  const taken = new Set<string>()
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let journey: Journey | undefined
  let failed = false
  try {
    app = await startApp()
    const b = await launchBrowser()
    browser = b
    const mailContext = await b.newContext({ viewport: { width: 1280, height: 900 } })
    journey = new Journey(
      app,
      b,
      {
        async onPage(name, lang, page) {
          const key = `${name}-${lang}`
          if (taken.has(key)) return
          taken.add(key)
          for (const w of WIDTHS) await shoot(page, `${key}-${w}.png`, w)
          await page.setViewportSize({ width: 1280, height: 900 })
        },
        async onEmail(kind, lang, email) {
          const key = `email-${kind}-${lang}`
          if (taken.has(key)) return
          taken.add(key)
          const page = await mailContext.newPage()
          try {
            // The email alone, as a mail client shows it: no scripts, no network.
            await page.route('**/*', (route) => route.abort())
            await page.setContent(email.html ?? '', { waitUntil: 'load' })
            for (const w of WIDTHS) await shoot(page, `${key}-${w}.png`, w, 200)
          } finally {
            await page.close()
          }
        },
      },
      'natural',
    )
    for (const { name, run } of journeySteps()) {
      console.log(name)
      try {
        await run(journey)
      } catch (e) {
        // Independent steps go on; a failure is reported and makes the exit code non-zero.
        failed = true
        console.error(`  FAILED: ${e instanceof Error ? e.message.split('\n')[0] : e}`)
      }
    }
  } finally {
    await journey?.close()
    await browser?.close().catch(() => {})
    await app?.stop()
  }
  const files = readdirSync(OUT).filter((f) => /-(1280|390)\.png$/.test(f))
  const bytes = files.reduce((n, f) => n + statSync(join(OUT, f)).size, 0)
  console.log(`${files.length} screenshots, ${(bytes / 1e6).toFixed(1)} MB in docs/screenshots/`)
  return failed ? 1 : 0
}

process.exitCode = await main()

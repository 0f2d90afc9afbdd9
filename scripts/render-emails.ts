// Writes sample emails (html and text, every locale) to dist/emails, and with --png screenshots of
// them to docs/screenshots/email-{kind}-{locale}.png (Debian chromium + fonts-noto-cjk).
// The email components are JSX, which Node cannot strip, so bundle first:
//   npx esbuild scripts/render-emails.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=dist/render-emails.mjs && node dist/render-emails.mjs --png
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LOCALES, type Locale } from '../src/domain/types'
import type { RenderedEmail } from '../src/email/data'
import { renderConfirmation, renderReminder } from '../src/email/render'

const out = 'dist/emails'
const shots = 'docs/screenshots'
const base = 'http://localhost:8787'

const labels: Record<Locale, [string, string]> = {
  'zh-Hant': ['CMHK 中港卡', '工作用 SIM'],
  'zh-Hans': ['中港卡', '工作卡'],
  en: ['CMHK 中港卡', 'Work SIM'],
}

function samples(locale: Locale): Record<string, RenderedEmail> {
  const [first, second] = labels[locale]
  const sender = { operator: 'Example Ltd', privacyUrl: `${base}/privacy?lang=${locale}` }
  return {
    confirm: renderConfirmation({
      locale,
      cards: [{ label: first, carrier: 'cmhk', expiresOn: '2026-12-03' }],
      confirmUrl: `${base}/confirm/sample-token`,
      unsubscribeUrl: `${base}/unsubscribe/sample-token`,
      validDays: 7,
      sender,
    }),
    reminder: renderReminder({
      locale,
      items: [
        {
          kind: 'reminder',
          card: { label: first, carrier: 'cmhk', expiresOn: '2026-12-03', autoRenew: false, cycleDays: 180 },
          daysLeft: 7,
          links: { renewed: `${base}/renewed/sample-1`, calendar: `${base}/calendar/sample-1.ics` },
        },
        {
          kind: 'balance',
          card: { label: second, carrier: 'csl', expiresOn: '2027-03-15', autoRenew: true, cycleDays: 365 },
          daysLeft: 110,
          links: { renewed: `${base}/renewed/sample-2`, calendar: `${base}/calendar/sample-2.ics` },
        },
      ],
      links: { manage: `${base}/manage/sample`, unsubscribe: `${base}/unsubscribe/sample` },
      sender,
    }),
    expired: renderReminder({
      locale,
      items: [
        {
          kind: 'expired',
          card: { label: first, carrier: 'cmhk', expiresOn: '2026-11-26', autoRenew: false, cycleDays: 180 },
          daysLeft: 0,
          links: { renewed: `${base}/renewed/sample-1`, calendar: `${base}/calendar/sample-1.ics` },
        },
      ],
      links: { manage: `${base}/manage/sample`, unsubscribe: `${base}/unsubscribe/sample` },
      sender,
    }),
  }
}

mkdirSync(out, { recursive: true })
const files: string[] = []
for (const locale of LOCALES) {
  for (const [name, email] of Object.entries(samples(locale))) {
    const file = `email-${name}-${locale}`
    writeFileSync(join(out, `${file}.html`), email.html)
    writeFileSync(join(out, `${file}.txt`), `Subject: ${email.subject}\n\n${email.text}`)
    files.push(file)
  }
}
console.log(`wrote ${files.length} sample emails (html + text) to ${out}`)

if (process.argv.includes('--png')) {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  // A phone-sized width: most of these emails are read on phones.
  const page = await browser.newPage({ viewport: { width: 480, height: 800 }, deviceScaleFactor: 1 })
  mkdirSync(shots, { recursive: true })
  for (const file of files) {
    await page.goto(`file://${resolve(out, `${file}.html`)}`)
    await page.screenshot({ path: join(shots, `${file}.png`), fullPage: true })
  }
  await browser.close()
  console.log(`wrote ${files.length} screenshots to ${shots}`)
}

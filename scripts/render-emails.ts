// Writes sample emails (html and text, every locale) to dist/emails, and with --png screenshots of
// them to docs/screenshots/email-{kind}-{locale}.png (Debian chromium + fonts-noto-cjk).
// The email components are JSX, which Node cannot strip, so bundle first:
//   npx esbuild scripts/render-emails.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=dist/render-emails.mjs && node dist/render-emails.mjs --png
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LOCALES, type Locale } from '../src/domain/types'
import type { ReminderItem, RenderedEmail } from '../src/email/data'
import { renderConfirmation, renderManageLink, renderReminder } from '../src/email/render'

const out = 'dist/emails'
const shots = process.env.SHOTS_DIR ?? 'docs/screenshots'
const base = 'http://localhost:8787'

const labels: Record<Locale, [string, string]> = {
  'zh-Hant': ['CMHK 中港卡', '工作用 SIM'],
  'zh-Hans': ['中港卡', '工作卡'],
  en: ['CMHK 中港卡', 'Work SIM'],
}

const links = (n: number) => ({ renewed: `${base}/renewed/sample-${n}`, calendar: `${base}/calendar/sample-${n}.ics` })
const footer = { manage: `${base}/manage/sample`, unsubscribe: `${base}/unsubscribe/sample` }
type Card = ReminderItem['card']
const cmhk = (label: string, expiresOn: string): Card => ({
  label,
  carrier: 'cmhk',
  expiresOn,
  autoRenew: false,
  cycleDays: 180,
})

/** One email of each kind the product sends, dated around Christmas 2026 (a holiday moves the last safe day). */
function samples(locale: Locale): Record<string, RenderedEmail> {
  const [first, second] = labels[locale]
  const sender = { operator: 'Example Ltd', privacyUrl: `${base}/privacy?lang=${locale}` }
  // A balance check carries "stop balance checks only" beside the full unsubscribe (as the cron does).
  const footerFor = (kinds: ReminderItem['kind'][]) =>
    kinds.includes('balance') ? { ...footer, stopBalance: `${footer.unsubscribe}?only=balance` } : footer
  const one = (kind: ReminderItem['kind'], card: Card, daysLeft: number, today: string) =>
    renderReminder({
      locale,
      today,
      items: [{ kind, card, daysLeft, links: links(1) }],
      links: footerFor([kind]),
      sender,
    })
  return {
    confirm: renderConfirmation({
      locale,
      cards: [{ carrier: 'cmhk', expiresOn: '2026-12-29' }],
      confirmUrl: `${base}/confirm/sample-token`,
      unsubscribeUrl: `${base}/unsubscribe/sample-token`,
      validDays: 7,
      sender,
    }),
    // A one-card reminder: the email the 1.5-phone-screen target is about.
    reminder: one('reminder', cmhk(first, '2026-12-29'), 7, '2026-12-22'),
    'reminder-late': one('reminder', cmhk(first, '2026-12-29'), 2, '2026-12-27'),
    'reminder-two-cards': renderReminder({
      locale,
      today: '2026-12-22',
      items: [
        { kind: 'reminder', card: cmhk(first, '2026-12-29'), daysLeft: 7, links: links(1) },
        {
          kind: 'balance',
          card: { label: second, carrier: 'csl', expiresOn: '2027-03-15', autoRenew: true, cycleDays: 30 },
          daysLeft: 83,
          links: links(2),
        },
      ],
      links: footerFor(['reminder', 'balance']),
      sender,
    }),
    'keep-fee': one(
      'reminder',
      {
        label: second,
        carrier: 'smartone',
        expiresOn: '2027-01-25',
        autoRenew: true,
        cycleDays: 30,
        renewalFeeCents: 4800,
      },
      7,
      '2027-01-18',
    ),
    expired: one('expired', cmhk(first, '2026-12-29'), 0, '2026-12-29'),
    followup: one('followup', cmhk(first, '2026-12-29'), -1, '2026-12-30'),
    'renew-check': one(
      'renew_check',
      {
        label: second,
        carrier: 'smartone',
        expiresOn: '2027-01-25',
        autoRenew: true,
        cycleDays: 30,
        renewalFeeCents: 4800,
        rolledTo: '2027-02-24',
      },
      -1,
      '2027-01-26',
    ),
    balance: one('balance', { ...cmhk(second, '2027-03-15'), carrier: null }, 83, '2026-12-01'),
    'manage-link': renderManageLink({
      locale,
      manageUrl: `${base}/manage/sample-token`,
      unsubscribeUrl: `${base}/unsubscribe/sample-token`,
      validDays: 90,
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
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })
  mkdirSync(shots, { recursive: true })
  for (const file of files) {
    await page.goto(`file://${resolve(out, `${file}.html`)}`)
    await page.screenshot({ path: join(shots, `${file}.png`), fullPage: true })
    // The height a phone reader scrolls through, in 844 px screens (iPhone 14 at 390 px): the email's
    // own height, not the window's, so a short email reads as short.
    const height = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height))
    console.log(`${file}: ${height} px = ${(height / 844).toFixed(2)} screens at 390 px`)
  }
  await browser.close()
  console.log(`wrote ${files.length} screenshots to ${shots}`)
}

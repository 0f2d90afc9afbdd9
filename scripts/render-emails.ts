// Writes sample emails (html and text, every locale) to a folder, for looking at and screenshots.
// Usage: npx esbuild scripts/render-emails.ts --bundle --platform=node --format=esm --outfile=.state/render-emails.mjs
//        && node .state/render-emails.mjs [outDir]   (JSX needs bundling; Node cannot strip it)
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALES, type Locale } from '../src/domain/types'
import { type RenderedEmail, renderConfirmation, renderReminder } from '../src/email/render'

const out = process.argv[2] ?? 'docs/screenshots/emails'
const base = 'http://localhost:8787'

const labels: Record<Locale, [string, string]> = {
  'zh-Hant': ['CMHK 中港卡', '工作用 SIM'],
  'zh-Hans': ['中港卡', '工作卡'],
  en: ['CMHK 中港卡', 'Work SIM'],
}

function samples(locale: Locale): Record<string, RenderedEmail> {
  const [first, second] = labels[locale]
  return {
    confirm: renderConfirmation({
      locale,
      cards: [{ label: first, carrier: 'cmhk', expiresOn: '2026-12-03' }],
      confirmUrl: `${base}/confirm/sample-token`,
      unsubscribeUrl: `${base}/unsubscribe/sample-token`,
      validDays: 7,
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
    }),
  }
}

mkdirSync(out, { recursive: true })
for (const locale of LOCALES) {
  for (const [name, email] of Object.entries(samples(locale))) {
    writeFileSync(join(out, `email-${name}-${locale}.html`), email.html)
    writeFileSync(join(out, `email-${name}-${locale}.txt`), `Subject: ${email.subject}\n\n${email.text}`)
  }
}
console.log(`wrote sample emails to ${out}`)

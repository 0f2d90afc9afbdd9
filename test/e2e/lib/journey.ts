// The subscriber's journey in a real browser, one step at a time, shared by the e2e test and the screenshots.
import assert from 'node:assert/strict'
import { createHmac, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core'
import type { FakeEmail } from '../../fakes/resend.ts'
import { fireCron, MAIL_FROM, OPERATOR_NAME, ROOT, type RunningApp } from './app.ts'

/** SUBSCRIBE_LIMITER's `simple.limit` in wrangler.toml: sign-ups a client may make per period. */
const SIGNUP_LIMIT = Number(
  /name = "SUBSCRIBE_LIMITER"[^[]*simple = \{ limit = (\d+)/.exec(
    readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'),
  )?.[1],
)

export const LOCALES = ['zh-Hant', 'zh-Hans', 'en'] as const
export type Lang = (typeof LOCALES)[number]

/** What the browser sends as Accept-Language for each language, and what <html lang> must say. */
const BROWSER_LOCALE: Record<Lang, string> = { 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN', en: 'en-GB' }
const HTML_LANG: Record<Lang, RegExp> = {
  'zh-Hant': /^zh-(Hant|HK|TW|MO)/i,
  'zh-Hans': /^zh-(Hans|CN|SG)/i,
  en: /^en\b/i,
}
const CJK = /[\u3400-\u9fff]/
const NATURAL_LABELS: Record<Lang, [string, string]> = {
  'zh-Hant': ['CMHK 中港卡', '工作用 SIM'],
  'zh-Hans': ['中港卡', '工作卡'],
  en: ['CMHK China–HK SIM', 'Work SIM'],
}

export type PageName =
  | 'form'
  | 'form-errors'
  | 'check-inbox'
  | 'confirm'
  | 'confirmed'
  | 'manage'
  | 'renewed'
  | 'renewed-done'
  | 'renewed-stale'
  | 'renewed-auto'
  | 'manage-auto'
  | 'link-sent'
  | 'unsubscribe'
  | 'unsubscribed'
  | 'error'
  | 'delete'
  | 'remove-card'
  | 'manage-suppressed'
  | 'rate-limited'
  | 'deleted'
  | 'form-more'
  | 'resent'
  | 'privacy'
  | 'stop-balance'
  | 'balance-stopped'
export type EmailKind =
  | 'confirmation'
  | 'reminder'
  | 'balance'
  | 'expired'
  | 'followup'
  | 'keep-fee'
  | 'renew-check'
  | 'manage-link'

export interface Hooks {
  /** called on every page the journey shows, with the server's response for it */
  onPage?: (name: PageName, lang: Lang, page: Page, response: Response) => Promise<void>
  /** called on every email the journey receives */
  onEmail?: (kind: EmailKind, lang: Lang, email: FakeEmail) => Promise<void>
}

const STEP_MS = 20_000
/** The sign-up form (the form page also has the small "email me my link" form). */
const SIGNUP = 'form[action="/subscribe"]'
const DAY = 86_400_000

/** Today's date in Hong Kong, YYYY-MM-DD. */
export function todayHK(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date(now))
}
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
}
/** The instant of hh:mm on `date` in Hong Kong (UTC+8, no DST), epoch ms. */
export function atHK(date: string, hour: number, minute = 0): number {
  return Date.parse(`${date}T00:00:00Z`) + (hour - 8) * 3_600_000 + minute * 60_000
}
function firstOfNextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10)
}

/** main: reminders, renewal, one-click unsubscribe; extra: balance check, expiry notice and its follow-up;
 * leaver: unsubscribes in the browser from the confirmation email, then must get nothing;
 * auto: a plan that renews itself from the balance (with its fee), far in the future. */
export type Who = 'main' | 'extra' | 'leaver' | 'auto'

interface Subscriber {
  lang: Lang
  email: string
  /** the first card's expiry */
  expiresOn: string
  confirmUrl?: string
  renewedUrl?: string
  manageUrl?: string
  unsubscribeHeader?: string
  /** the unsubscribe link shown in the confirmation email */
  unsubscribeUrl?: string
  /** "stop balance checks only" from a balance-check email */
  stopBalanceUrl?: string
}

/** How the sign-up form lays out at 390 × 844, per language (written to docs/quality.md by hand). */
export interface FormLayout {
  lang: Lang
  height: number
  buttonTop: number
  expiryBottom: number
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The first link to `${base}/${kind}/…` in an email's text or html. */
export function linkIn(email: FakeEmail, base: string, kind: string): string {
  const re = new RegExp(`${escapeRe(base)}/${kind}/[^\\s"'<>)\\]]+`)
  const found = (email.text ?? '').match(re)?.[0] ?? (email.html ?? '').match(re)?.[0]
  assert.ok(found, `no ${kind} link in the email "${email.subject}"`)
  return found.replace(/&amp;/g, '&')
}

export class Journey {
  readonly app: RunningApp
  readonly browser: Browser
  readonly hooks: Hooks
  readonly today = todayHK()
  /** main journey per language: subscribe, confirm, reminder, renewed, one-click unsubscribe */
  readonly main: Record<Lang, Subscriber>
  /** second subscriber per language: monthly balance check, expiry notice, one-click unsubscribe */
  readonly extra: Record<Lang, Subscriber>
  /** third subscriber per language: unsubscribes in the browser right after confirming */
  readonly leaver: Record<Lang, Subscriber>
  /** fourth subscriber per language: auto-renewal with a HK$48 fee; its emails come after everyone else's */
  readonly auto: Record<Lang, Subscriber>
  readonly contexts = new Map<Lang, BrowserContext>()
  readonly nextFirst: string

  /** card names: an HTML probe (checks escaping end to end) or, for screenshots, what people write */
  readonly labels: 'probe' | 'natural'

  constructor(app: RunningApp, browser: Browser, hooks: Hooks = {}, labels: 'probe' | 'natural' = 'probe') {
    this.app = app
    this.browser = browser
    this.hooks = hooks
    this.labels = labels
    const run = Math.random().toString(36).slice(2, 8)
    this.nextFirst = firstOfNextMonth(this.today)
    // Each run has a fresh D1, so addresses need not be unique across runs; screenshots use plain ones
    // so that regenerating them changes nothing but dates.
    const names: Record<string, string> = { main: 'ming', extra: 'kayan', leaver: 'alex', auto: 'wing' }
    const mk = (who: string, lang: Lang, expiresOn: string): Subscriber => ({
      lang,
      email:
        labels === 'natural'
          ? `${names[who]}.${lang.toLowerCase()}@example.com`
          : `${who}-${lang.toLowerCase()}-${run}@e2e.simkeep.test`,
      expiresOn,
    })
    // Main cards expire in 60 days (reminders 7 and 1 days before); the extra cards expire 5 days
    // after the next 1st, so the balance check, the reminder and the expiry notice never share a run
    // with the main cards' reminders.
    this.main = {
      'zh-Hant': mk('main', 'zh-Hant', addDays(this.today, 60)),
      'zh-Hans': mk('main', 'zh-Hans', addDays(this.today, 60)),
      en: mk('main', 'en', addDays(this.today, 60)),
    }
    const extraExpiry = addDays(this.nextFirst, 5)
    this.extra = {
      'zh-Hant': mk('extra', 'zh-Hant', extraExpiry),
      'zh-Hans': mk('extra', 'zh-Hans', extraExpiry),
      en: mk('extra', 'en', extraExpiry),
    }
    this.leaver = {
      'zh-Hant': mk('leaver', 'zh-Hant', addDays(this.today, 60)),
      'zh-Hans': mk('leaver', 'zh-Hans', addDays(this.today, 60)),
      en: mk('leaver', 'en', addDays(this.today, 60)),
    }
    // Beyond every other cron run of the journey, so its balance-check reminder and "did it renew?"
    // share no run with the others.
    this.auto = {
      'zh-Hant': mk('auto', 'zh-Hant', addDays(this.today, 200)),
      'zh-Hans': mk('auto', 'zh-Hans', addDays(this.today, 200)),
      en: mk('auto', 'en', addDays(this.today, 200)),
    }
  }

  private who(who: Who, lang: Lang): Subscriber {
    if (who === 'auto') return this.auto[lang]
    return who === 'main' ? this.main[lang] : who === 'extra' ? this.extra[lang] : this.leaver[lang]
  }

  async context(lang: Lang): Promise<BrowserContext> {
    let ctx = this.contexts.get(lang)
    if (!ctx) {
      ctx = await this.browser.newContext({
        locale: BROWSER_LOCALE[lang],
        timezoneId: 'Asia/Hong_Kong',
        // zh-Hans runs on a phone-sized window, so the journey and axe also see the narrow layout
        viewport: lang === 'zh-Hans' ? { width: 390, height: 844 } : { width: 1280, height: 900 },
        // each simulated client its own address, so the per-client sign-up limit stays apart
        extraHTTPHeaders: { 'CF-Connecting-IP': `203.0.113.${10 + LOCALES.indexOf(lang)}` },
      })
      ctx.setDefaultTimeout(STEP_MS)
      ctx.setDefaultNavigationTimeout(STEP_MS)
      ctx.on('page', (page) => this.watch(page))
      this.contexts.set(lang, ctx)
    }
    return ctx
  }

  /** Browser console errors and uncaught exceptions (CSP violations show up here), per page URL. */
  readonly consoleErrors: string[] = []
  private watch(page: Page): void {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const where = msg.location().url || page.url()
        // A 4xx for the document itself is what some steps ask for (bad input, forged links).
        if (where === page.url() && msg.text().startsWith('Failed to load resource')) return
        this.consoleErrors.push(
          `${page.url().replace(this.app.url, '')}: ${msg.text()} (${where.replace(this.app.url, '')})`,
        )
      }
    })
    page.on('pageerror', (e) => this.consoleErrors.push(`${page.url().replace(this.app.url, '')}: ${e.message}`))
  }

  async close(): Promise<void> {
    for (const ctx of this.contexts.values()) await ctx.close().catch(() => {})
    this.contexts.clear()
  }

  private async page(lang: Lang): Promise<Page> {
    const ctx = await this.context(lang)
    return ctx.pages()[0] ?? ctx.newPage()
  }

  private async show(name: PageName, lang: Lang, page: Page, response: Response | null): Promise<Response> {
    assert.ok(response, `${name} (${lang}): no response`)
    await this.hooks.onPage?.(name, lang, page, response)
    const lang_ = await page.locator('html').getAttribute('lang')
    assert.match(lang_ ?? '', HTML_LANG[lang], `${name} (${lang}): <html lang="${lang_}">`)
    if (lang !== 'en')
      assert.match(await page.title(), CJK, `${name} (${lang}): title "${await page.title()}" is not Chinese`)
    const headers = await response.allHeaders()
    const csp = headers['content-security-policy'] ?? ''
    const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src ([^;]*)/.exec(csp)?.[1]
    assert.ok(scripts !== undefined, `${name} (${lang}): the CSP limits scripts (${csp})`)
    assert.ok(
      !/'unsafe-inline'/.test(scripts) || /'nonce-|'sha\d+-/.test(scripts),
      `${name}: inline scripts only by nonce`,
    )
    assert.equal(headers['x-content-type-options'], 'nosniff', `${name}: X-Content-Type-Options`)
    assert.ok(/frame-ancestors 'none'/.test(csp) || headers['x-frame-options'], `${name}: no framing`)
    assert.ok(headers['referrer-policy'], `${name}: Referrer-Policy`)
    return response
  }

  private async goto(name: PageName, lang: Lang, url: string, status = 200): Promise<Page> {
    const page = await this.page(lang)
    const response = await page.goto(url, { waitUntil: 'load' })
    assert.equal(response?.status(), status, `${name} (${lang}): GET ${url} answered ${response?.status()}`)
    await this.show(name, lang, page, response)
    return page
  }

  /** Clicks a submit button and waits for the document the POST answers with. */
  private async submit(page: Page, button: Locator): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST', {
        timeout: STEP_MS,
      }),
      button.click(),
    ])
    await page.waitForLoadState('load')
    return response
  }

  private async waitForEmail(to: string, after: number, what: string): Promise<FakeEmail> {
    return this.app.resend
      .waitForEmail((e) => e.to.includes(to), STEP_MS, after)
      .catch((e: Error) => {
        throw new Error(`${what}: ${e.message}\n--- wrangler dev ---\n${this.app.log().slice(-3000)}`)
      })
  }

  private async checkEmail(kind: EmailKind, lang: Lang, email: FakeEmail): Promise<void> {
    await this.hooks.onEmail?.(kind, lang, email)
    assert.equal(email.from, MAIL_FROM, `${kind} (${lang}): from`)
    assert.ok(email.html && email.text, `${kind} (${lang}): needs both html and text`)
    assert.ok(email.idempotencyKey, `${kind} (${lang}): no Idempotency-Key`)
    if (lang !== 'en') assert.match(email.subject, CJK, `${kind} (${lang}): subject "${email.subject}" is not Chinese`)
    const lu = email.headers['List-Unsubscribe'] ?? email.headers['list-unsubscribe']
    if (kind !== 'confirmation') {
      assert.match(lu ?? '', new RegExp(`^<${escapeRe(this.app.url)}/unsubscribe/[^>]+>$`), `${kind}: List-Unsubscribe`)
      const lup = email.headers['List-Unsubscribe-Post'] ?? email.headers['list-unsubscribe-post']
      assert.equal(lup, 'List-Unsubscribe=One-Click', `${kind}: List-Unsubscribe-Post`)
      assert.ok(email.text?.includes(`${this.app.url}/unsubscribe/`), `${kind}: the text shows the unsubscribe link`)
    }
  }

  // ---- steps ----

  /** The form in a language, by Accept-Language and by ?lang=; the language switch links exist. */
  async openForm(lang: Lang): Promise<void> {
    const page = await this.goto('form', lang, `${this.app.url}/`)
    for (const name of ['email', 'expires_on']) {
      const field = page.locator(`${SIGNUP} [name="${name}"]`)
      assert.equal(await field.count(), 1, `form (${lang}): one ${name} field`)
    }
    // ?lang= wins over Accept-Language: ask for another language, then come back.
    const other = LOCALES[(LOCALES.indexOf(lang) + 1) % LOCALES.length]!
    const res = await page.goto(`${this.app.url}/?lang=${other}`)
    assert.equal(res?.status(), 200)
    assert.match((await page.locator('html').getAttribute('lang')) ?? '', HTML_LANG[other], `?lang=${other}`)
    // The language switch is a plain link; following it answers in that language.
    const link = page.locator(`a[href*="lang=${lang}"]`).first()
    assert.equal(await link.count(), 1, `a language switch link to ${lang}`)
    await Promise.all([page.waitForURL(new RegExp(`lang=${lang}`)), link.click()])
    assert.match((await page.locator('html').getAttribute('lang')) ?? '', HTML_LANG[lang], `switched to ${lang}`)
  }

  /** Opens "More settings" the way a keyboard user does: focus its summary, press Enter. */
  private async openMore(page: Page): Promise<void> {
    const more = page.locator(`${SIGNUP} details.more`)
    if ((await more.getAttribute('open')) !== null) return
    await more.locator('summary').focus()
    await page.keyboard.press('Enter')
    assert.notEqual(await more.getAttribute('open'), null, 'Enter on the summary opens "More settings"')
  }

  private async fillForm(page: Page, values: Record<string, string | string[] | boolean>): Promise<void> {
    // Everything but these sits under "More settings".
    if (Object.keys(values).some((k) => !['email', 'expires_on', 'carrier'].includes(k))) await this.openMore(page)
    for (const [name, value] of Object.entries(values)) {
      const all = page.locator(`${SIGNUP} [name="${name}"]`)
      assert.ok((await all.count()) > 0, `form: no field named ${name}`)
      // A group of checkboxes or radios may come with a free-form input of the same name ("other").
      const boxes = page.locator(`${SIGNUP} [name="${name}"]:is([type="checkbox"], [type="radio"])`)
      const n = await boxes.count()
      if (n > 0) {
        for (let i = 0; i < n; i++) {
          const box = boxes.nth(i)
          const type = await box.getAttribute('type')
          const v = (await box.getAttribute('value')) ?? 'on'
          const want = typeof value === 'boolean' ? value : Array.isArray(value) ? value.includes(v) : value === v
          if (type === 'checkbox' || want) await box.setChecked(want)
        }
        if (typeof value !== 'boolean') {
          const checked = await boxes.evaluateAll((els) =>
            els.filter((e) => (e as HTMLInputElement).checked).map((e) => (e as HTMLInputElement).value),
          )
          const wanted = Array.isArray(value) ? value : [value]
          assert.deepEqual([...checked].sort(), [...wanted].sort(), `form: ${name} offers ${wanted.join(', ')}`)
        }
        continue
      }
      const first = all.first()
      const tag = await first.evaluate((el) => el.tagName.toLowerCase())
      if (tag === 'select') await first.selectOption(value as string | string[])
      else await first.fill(String(value))
    }
  }

  private formSubmit(page: Page): Locator {
    return page.locator(`${SIGNUP} [type="submit"]`).first()
  }

  /** The text of whatever a field's aria-describedby points at. */
  private async described(page: Page, name: string): Promise<string> {
    const ids = ((await page.locator(`${SIGNUP} [name="${name}"]`).first().getAttribute('aria-describedby')) ?? '')
      .split(/\s+/)
      .filter(Boolean)
    const texts = await Promise.all(
      ids.map((id) =>
        page
          .locator(`[id="${id}"]`)
          .textContent()
          .catch(() => null),
      ),
    )
    return texts.join(' ').replace(/\s+/g, ' ').trim()
  }

  /** Bad input is answered with the form again: 4xx, messages tied to the bad fields, values kept. */
  async badInput(lang: Lang): Promise<void> {
    const page = await this.goto('form', lang, `${this.app.url}/?lang=${lang}`)
    const fields = ['email', 'expires_on']
    const hints = await Promise.all(fields.map((f) => this.described(page, f)))
    await this.fillForm(page, { email: 'not-an-email', expires_on: '2020-01-01' })
    // Skip the browser's own checks so that the server's validation answers.
    await page.locator(SIGNUP).evaluate((f) => {
      ;(f as HTMLFormElement).noValidate = true
    })
    const res = await this.submit(page, this.formSubmit(page))
    await this.show('form-errors', lang, page, res)
    assert.ok(res.status() >= 400 && res.status() < 500, `bad input answered ${res.status()}, want 4xx`)
    assert.equal(await page.locator(`${SIGNUP} [name="email"]`).inputValue(), 'not-an-email', 'the bad email is kept')
    for (const [i, name] of fields.entries()) {
      const field = page.locator(`${SIGNUP} [name="${name}"]`).first()
      assert.equal(await field.getAttribute('aria-invalid'), 'true', `${name} has aria-invalid`)
      const text = await this.described(page, name)
      const message = text.replace(hints[i] ?? '', '').trim()
      assert.ok(message.length > 0, `${name}: an error message tied by aria-describedby (have "${text}")`)
      if (lang !== 'en') assert.match(message, CJK, `${name}: the message "${message}" is in ${lang}`)
    }
  }

  /** Form layouts measured by `disclosure()`, one per language. */
  readonly layouts: FormLayout[] = []

  /**
   * The first screen at 390 × 844 and the "More settings" disclosure: closed at first, with the
   * choices in words; Enter on its summary opens it; the summary follows a change; an error inside
   * opens it by itself.
   */
  async disclosure(lang: Lang): Promise<void> {
    const page = await this.goto('form', lang, `${this.app.url}/?lang=${lang}`)
    const viewport = page.viewportSize()
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.evaluate(() => document.fonts.ready)
      const box = async (sel: string) => {
        const b = await page.locator(sel).first().boundingBox()
        assert.ok(b, `${sel} is laid out`)
        return b
      }
      const email = await box(`${SIGNUP} [name="email"]`)
      const expiry = await box(`${SIGNUP} [name="expires_on"]`)
      const button = await box(`${SIGNUP} [type="submit"]`)
      const promises = await box('.promises')
      const height = await page.evaluate(() => document.documentElement.scrollHeight)
      this.layouts.push({
        lang,
        height,
        buttonTop: Math.round(button.y),
        expiryBottom: Math.round(expiry.y + expiry.height),
      })
      assert.ok(
        promises.y + promises.height <= 844 && email.y + email.height <= 844,
        `${lang}: promises and email in the first screen`,
      )
      assert.ok(
        expiry.y + expiry.height <= 844,
        `${lang}: the expiry field ends at ${expiry.y + expiry.height} px, past 844`,
      )
      assert.ok(button.y <= 1266, `${lang}: the button starts at ${button.y} px, past 1.5 screens`)
    } finally {
      if (viewport) await page.setViewportSize(viewport)
    }
    const more = page.locator(`${SIGNUP} details.more`)
    assert.equal(await more.getAttribute('open'), null, 'More settings starts closed')
    const summary = more.locator('.more-now')
    const before = (await summary.textContent()) ?? ''
    assert.match(before, /14/, `the summary names the reminder days ("${before}")`)
    await this.openMore(page)
    await more.locator('[name="balance_check"][value="monthly"]').check()
    const after = (await summary.textContent()) ?? ''
    assert.notEqual(after, before, 'the summary follows a change inside')
    // The page script rebuilt it: its reminder days read exactly as the server wrote them (14、7 及 1).
    const days = (text: string) => /^\D*\d+(?:\D{1,6}\d+)*/.exec(text)?.[0] ?? text
    assert.equal(days(after), days(before), 'the script writes the reminder days as the server does')
    // Enter again closes it; the summary still says what was chosen.
    await more.locator('summary').focus()
    await page.keyboard.press('Enter')
    assert.equal(await more.getAttribute('open'), null, 'Enter on the summary closes it again')
    // An error on a field inside: the answer opens the disclosure by itself, message by the field.
    await this.fillForm(page, { email: `more-${lang}@e2e.simkeep.test`, expires_on: addDays(this.today, 60) })
    await this.openMore(page)
    await page.locator(`${SIGNUP} [name="lead_days"][type="number"]`).fill('99')
    await page.locator(`${SIGNUP} details.more summary`).click()
    assert.equal(await more.getAttribute('open'), null, 'closed again before sending')
    const res = await this.submit(page, this.formSubmit(page))
    assert.equal(res.status(), 422, `an error inside answered ${res.status()}`)
    await this.show('form-more', lang, page, res)
    const reopened = page.locator(`${SIGNUP} details.more`)
    assert.notEqual(await reopened.getAttribute('open'), null, 'an error inside opens "More settings"')
    const other = page.locator(`${SIGNUP} [name="lead_days"][type="number"]`)
    assert.equal(await other.getAttribute('aria-invalid'), 'true', 'the bad reminder day is marked')
    assert.ok(await other.isVisible(), 'the bad field is visible')
  }

  /**
   * A browser outside Hong Kong: nothing changes on load (no Intl work while the page loads), and the
   * first touch of the form picks the browser's own zone, which the "More settings" summary then names.
   */
  async browserZone(lang: Lang): Promise<void> {
    const ctx = await this.browser.newContext({ locale: BROWSER_LOCALE[lang], timezoneId: 'Europe/London' })
    try {
      ctx.setDefaultTimeout(STEP_MS)
      const page = await ctx.newPage()
      this.watch(page)
      await page.goto(`${this.app.url}/?lang=${lang}`, { waitUntil: 'load' })
      const zone = page.locator(`${SIGNUP} select[name="timezone"]`)
      const summary = page.locator(`${SIGNUP} .more-now`)
      assert.equal(await zone.inputValue(), 'Asia/Hong_Kong', "the server's default until the form is touched")
      await page.locator(`${SIGNUP} [name="email"]`).click()
      assert.equal(await zone.inputValue(), 'Europe/London', "the first touch picks the browser's zone")
      const label = ((await zone.locator('option[value="Europe/London"]').textContent()) ?? '').split(' · ')[0]
      assert.ok(label, 'the London option has a label')
      assert.ok(((await summary.textContent()) ?? '').includes(label), `the summary names ${label}`)
    } finally {
      await ctx.close()
    }
  }

  /** "Send it again" on the check-inbox page: From and subject named; within the 3-an-hour cap. */
  async resend(lang: Lang): Promise<void> {
    const ctx = await this.browser.newContext({
      locale: BROWSER_LOCALE[lang],
      extraHTTPHeaders: { 'CF-Connecting-IP': `203.0.113.${70 + LOCALES.indexOf(lang)}` },
    })
    try {
      ctx.setDefaultTimeout(STEP_MS)
      const page = await ctx.newPage()
      this.watch(page)
      await page.goto(`${this.app.url}/?lang=${lang}`)
      const email = `resend-${lang.toLowerCase()}-${Date.now()}@e2e.simkeep.test`
      await this.fillForm(page, { email, expires_on: addDays(this.today, 90) })
      const start = this.app.resend.emails.length
      const first = await this.submit(page, this.formSubmit(page))
      assert.equal(first.status(), 200)
      const mail = await this.waitForEmail(email, start, `confirmation (${lang})`)
      const text = (await page.locator('main').textContent()) ?? ''
      assert.ok(text.includes(MAIL_FROM), `check-inbox (${lang}) names the From address`)
      assert.ok(text.includes(mail.subject), `check-inbox (${lang}) names the subject "${mail.subject}"`)
      const count = () => this.app.resend.emails.filter((e, i) => i >= start && e.to.includes(email)).length
      const again = page.locator('form[action="/subscribe/resend"] [type="submit"]')
      for (let i = 0; i < 2; i++) {
        const res = await this.submit(page, again)
        assert.equal(res.status(), 200, `send it again answered ${res.status()}`)
        await this.waitForEmail(email, this.app.resend.emails.length - 1, `resent confirmation (${lang})`).catch(
          () => {},
        )
        if (i === 0) await this.show('resent', lang, page, res)
      }
      for (let i = 0; i < 50 && count() < 3; i++) await new Promise((r) => setTimeout(r, 100))
      assert.equal(count(), 3, 'two more confirmations: three in the hour')
      const capped = await this.submit(page, again)
      assert.equal(capped.status(), 200, 'over the cap the answer is the same page')
      assert.ok(((await page.locator('main').textContent()) ?? '').includes(email), 'the same answer')
      await new Promise((r) => setTimeout(r, 1500))
      assert.equal(count(), 3, 'the 3-an-hour cap holds')
      // Every link sent for the card works: the first email's (it may be the first to arrive), and the newest.
      const firstLink = await page.goto(linkIn(mail, this.app.url, 'confirm'))
      assert.equal(firstLink?.status(), 200, 'the first confirmation link still works after "send it again"')
      const newest = this.app.resend.emails.filter((e) => e.to.includes(email)).at(-1)
      assert.ok(newest)
      const confirm = await page.goto(linkIn(newest, this.app.url, 'confirm'))
      assert.equal(confirm?.status(), 200, 'the newest confirmation link works')
    } finally {
      await ctx.close()
    }
  }

  /** /privacy from the footer link: who runs it, what is kept and for how long, in the page language. */
  async privacy(lang: Lang): Promise<void> {
    const page = await this.goto('form', lang, `${this.app.url}/?lang=${lang}`)
    const link = page.locator(`footer a[href="/privacy?lang=${lang}"]`)
    assert.equal(await link.count(), 1, `the form links /privacy (${lang})`)
    const [res] = await Promise.all([page.waitForNavigation(), link.click()])
    assert.equal(res?.status(), 200)
    await this.show('privacy', lang, page, res)
    const text = (await page.locator('main').textContent()) ?? ''
    assert.ok(text.includes(OPERATOR_NAME), `privacy (${lang}) names the operator`)
    assert.ok(text.includes('operator@example.com'), `privacy (${lang}) gives the operator's address`)
    assert.match(text, /\b30\b/, `privacy (${lang}) says how long emails are kept`)
    assert.match(text, /\b7\b/, `privacy (${lang}) says how long an unconfirmed sign-up is kept`)
    if (lang !== 'en') assert.match(text, CJK)
  }

  /**
   * "Stop balance checks only" from the balance email, in the browser: a page with a button, then
   * the answer. The expiry reminders of the same cards still come (the next steps check them).
   */
  async stopBalance(lang: Lang): Promise<void> {
    const url = this.extra[lang].stopBalanceUrl
    assert.ok(url, 'the balance check first')
    const page = await this.goto('stop-balance', lang, url)
    const res = await this.submit(page, page.locator('form[method="post" i] [type="submit"]').first())
    assert.equal(res.status(), 200, `stop balance checks (${lang}) answered ${res.status()}`)
    await this.show('balance-stopped', lang, page, res)
  }

  /** A good submission answers "check your inbox" and sends a confirmation email. */
  async subscribe(who: Who, lang: Lang): Promise<void> {
    const s = this.who(who, lang)
    const page = await this.goto('form', lang, `${this.app.url}/?lang=${lang}`)
    const values: Record<string, string | string[] | boolean> = {
      email: s.email,
      expires_on: s.expiresOn,
      label: this.labels === 'probe' ? `E2E <b>${lang}</b> ${who}` : NATURAL_LABELS[lang][who === 'extra' ? 1 : 0],
      lead_days: who === 'extra' ? ['1'] : ['7', '1'],
      cycle_days: '30',
      auto_renew: who === 'auto',
      balance_check: who === 'extra' ? 'monthly' : 'none',
    }
    if (who === 'auto') {
      values.lead_days = ['7']
      values.renewal_fee = '48'
    }
    if ((await page.locator(`${SIGNUP} [name="carrier"]`).count()) > 0) values.carrier = 'cmhk'
    await this.fillForm(page, values)
    const before = this.app.resend.emails.length
    const res = await this.submit(page, this.formSubmit(page))
    assert.equal(res.status(), 200, `subscribe (${lang}) answered ${res.status()}`)
    await this.show('check-inbox', lang, page, res)
    const mail = await this.waitForEmail(s.email, before, `confirmation email (${lang})`)
    await this.checkEmail('confirmation', lang, mail)
    if (this.labels === 'probe') {
      assert.ok(!mail.html?.includes(`<b>${lang}</b>`), 'the label is escaped in the email html')
      assert.ok(!(await page.content()).includes(`<b>${lang}</b>`), 'the label is escaped on the page')
    }
    s.confirmUrl = linkIn(mail, this.app.url, 'confirm')
    s.unsubscribeUrl = linkIn(mail, this.app.url, 'unsubscribe')
  }

  /** a confirmed subscriber who never unsubscribes (signed up with JavaScript off) */
  control: string | undefined

  /** Over the sign-up rate, a client gets a localized 429 page (its own address, so others are unaffected). */
  async rateLimited(lang: Lang): Promise<void> {
    const ctx = await this.browser.newContext({
      locale: BROWSER_LOCALE[lang],
      extraHTTPHeaders: { 'CF-Connecting-IP': `203.0.113.${60 + LOCALES.indexOf(lang)}` },
    })
    try {
      ctx.setDefaultTimeout(STEP_MS)
      const page = await ctx.newPage()
      this.watch(page)
      // Only forms that pass validation count against the rate, so each try is a good one (one
      // address: the per-address cap keeps its confirmation emails to 3).
      const email = `rate-${lang}-${Date.now()}@e2e.simkeep.test`
      let last: Response | undefined
      // The limiter counts in fixed windows (wrangler.toml: 10 a 60 s period): a window boundary right
      // after the 10th try restarts the count, so tripping it can take 21 tries.
      assert.ok(SIGNUP_LIMIT > 0, 'SUBSCRIBE_LIMITER has a simple limit in wrangler.toml')
      const tries = 2 * SIGNUP_LIMIT + 1
      for (let i = 0; i < tries; i++) {
        if (i === 0 || last?.status() === 200) await page.goto(`${this.app.url}/?lang=${lang}`)
        await this.fillForm(page, { email, expires_on: addDays(this.today, 60) })
        last = await this.submit(page, this.formSubmit(page))
        if (last.status() === 429) break
        assert.ok(last.status() < 500, `sign-up ${i + 1} answered ${last.status()}`)
      }
      assert.equal(last?.status(), 429, `the sign-up rate limit trips within ${tries} tries`)
      assert.equal(
        await page.locator(`${SIGNUP} [name="email"]`).first().inputValue(),
        email,
        'the 429 form keeps the email',
      )
      await this.show('rate-limited', lang, page, last ?? null)
    } finally {
      await ctx.close()
    }
  }

  /** With JavaScript off the form still works: a good submission sends the confirmation email. */
  async withoutJavaScript(): Promise<void> {
    const ctx = await this.browser.newContext({
      javaScriptEnabled: false,
      locale: 'en-GB',
      extraHTTPHeaders: { 'CF-Connecting-IP': '203.0.113.40' },
    })
    try {
      ctx.setDefaultTimeout(STEP_MS)
      const page = await ctx.newPage()
      const res = await page.goto(`${this.app.url}/?lang=en`)
      assert.equal(res?.status(), 200)
      const email = `nojs-${Date.now()}@e2e.simkeep.test`
      // Same expiry as the main cards once renewed: a control for noMoreEmail().
      await this.fillForm(page, {
        email,
        expires_on: addDays(this.main.en.expiresOn, 30),
        lead_days: ['7'],
        auto_renew: false,
        balance_check: 'none',
      })
      const before = this.app.resend.emails.length
      const answer = await this.submit(page, this.formSubmit(page))
      assert.equal(answer.status(), 200, `subscribe without JavaScript answered ${answer.status()}`)
      const mail = await this.waitForEmail(email, before, 'confirmation email (no JavaScript)')
      const confirm = await page.goto(linkIn(mail, this.app.url, 'confirm'))
      assert.equal(confirm?.status(), 200)
      const done = await this.submit(page, page.locator('form[method="post" i] [type="submit"]').first())
      assert.equal(done.status(), 200, `confirm without JavaScript answered ${done.status()}`)
      this.control = email
    } finally {
      await ctx.close()
    }
  }

  /** The confirmation link shows a button (GET changes nothing); pressing it confirms. */
  async confirm(who: Who, lang: Lang): Promise<void> {
    const s = this.who(who, lang)
    assert.ok(s.confirmUrl, 'subscribe first')
    const page = await this.goto('confirm', lang, s.confirmUrl)
    if (this.labels === 'probe') assert.ok(!(await page.content()).includes(`<b>${lang}</b>`), 'label escaped')
    const res = await this.submit(page, page.locator('form[method="post" i] [type="submit"]').first())
    assert.equal(res.status(), 200, `confirm (${lang}) answered ${res.status()}`)
    await this.show('confirmed', lang, page, res)
  }

  /** A forged link gets a localized 4xx page. */
  async errorPage(lang: Lang): Promise<void> {
    const page = await this.page(lang)
    const response = await page.goto(`${this.app.url}/confirm/not-a-real-token`)
    const status = response?.status() ?? 0
    assert.ok(status >= 400 && status < 500, `a forged token answered ${status}, want 4xx`)
    await this.show('error', lang, page, response)
  }

  /** Fires the cron at `time` and returns the emails it sent; those who left never get one. */
  async cron(time: number): Promise<FakeEmail[]> {
    const before = this.app.resend.emails.length
    await fireCron(this.app, time)
    const sent = this.app.resend.emails.slice(before)
    for (const lang of LOCALES) {
      const to = this.leaver[lang].email
      assert.equal(sent.filter((e) => e.to.includes(to)).length, 0, `an unsubscribed address got email: ${to}`)
    }
    return sent
  }

  private only(sent: FakeEmail[], to: string, what: string): FakeEmail {
    const mine = sent.filter((e) => e.to.includes(to))
    assert.equal(mine.length, 1, `${what}: want exactly one email to ${to}, got ${mine.length}`)
    return mine[0]!
  }

  /** The monthly balance check for the extra subscribers arrives at SEND_HOUR on the 1st, not a minute before. */
  async balanceCheck(): Promise<void> {
    const early = await this.cron(atHK(this.nextFirst, 8, 59))
    assert.deepEqual(
      early.map((e) => e.to.join()),
      [],
      'nothing is due a minute before SEND_HOUR',
    )
    const sent = await this.cron(atHK(this.nextFirst, 9))
    for (const lang of LOCALES) {
      const mail = this.only(sent, this.extra[lang].email, `balance check (${lang})`)
      await this.checkEmail('balance', lang, mail)
      // Beside the full unsubscribe, a balance check offers to stop only the balance checks.
      const stop = new RegExp(`${escapeRe(this.app.url)}/unsubscribe/[^\\s"'<>]+\\?only=balance`).exec(mail.text ?? '')
      assert.ok(stop, `balance check (${lang}) carries "stop balance checks only"`)
      this.extra[lang].stopBalanceUrl = stop[0]
    }
    assert.equal(sent.length, LOCALES.length, 'only the balance checks went out')
  }

  /** The extra cards: the 1-day reminder, then the expiry notice on the day (auto-renewal off). */
  async expiryNotice(): Promise<void> {
    const e = this.extra.en.expiresOn
    const reminders = await this.cron(atHK(addDays(e, -1), 9))
    for (const lang of LOCALES) this.only(reminders, this.extra[lang].email, `1-day reminder (${lang})`)
    const sent = await this.cron(atHK(e, 9))
    for (const lang of LOCALES) {
      const mail = this.only(sent, this.extra[lang].email, `expiry notice (${lang})`)
      await this.checkEmail('expired', lang, mail)
      this.extra[lang].manageUrl = linkIn(mail, this.app.url, 'manage')
      this.extra[lang].unsubscribeHeader = (mail.headers['List-Unsubscribe'] ?? '').slice(1, -1)
    }
    assert.equal(sent.length, LOCALES.length, 'only the expiry notices went out')
    // Not renewed: one follow-up the day after, at SEND_HOUR, then nothing.
    const follow = await this.cron(atHK(addDays(e, 1), 9))
    for (const lang of LOCALES) {
      const mail = this.only(follow, this.extra[lang].email, `follow-up (${lang})`)
      await this.checkEmail('followup', lang, mail)
      assert.ok(mail.text?.includes(`${this.app.url}/renewed/`), `follow-up (${lang}) carries "I've renewed"`)
    }
    assert.equal(follow.length, LOCALES.length, 'only the follow-ups went out')
    assert.equal((await this.cron(atHK(addDays(e, 2), 9))).length, 0, 'nothing after the follow-up')
  }

  /** A plan that renews itself: the fee typed on the form comes back in the balance reminder before E, and
   * on E+1 "did it renew?" links to the rolled date; then the address unsubscribes by one-click. */
  async autoRenewal(): Promise<void> {
    for (const lang of LOCALES) {
      await this.subscribe('auto', lang)
      await this.confirm('auto', lang)
    }
    const e = this.auto.en.expiresOn
    const before = await this.cron(atHK(addDays(e, -7), 9))
    for (const lang of LOCALES) {
      const mail = this.only(before, this.auto[lang].email, `balance reminder (${lang})`)
      await this.checkEmail('keep-fee', lang, mail)
      assert.ok(mail.subject.includes('HK$48'), `balance reminder (${lang}) names the fee: ${mail.subject}`)
      assert.ok(!mail.text?.includes(`${this.app.url}/renewed/`), `no "I've renewed" before the plan renews (${lang})`)
    }
    const after = await this.cron(atHK(addDays(e, 1), 9))
    for (const lang of LOCALES) {
      const s = this.auto[lang]
      const mail = this.only(after, s.email, `did it renew (${lang})`)
      await this.checkEmail('renew-check', lang, mail)
      const page = await this.goto('renewed-auto', lang, linkIn(mail, this.app.url, 'renewed'))
      const value = await page.locator('form [name="expires_on"]').first().inputValue()
      assert.equal(value, addDays(e, 30), `"did it renew?" (${lang}) proposes the date the plan rolled to`)
      // The manage page names the plan's own fee beside its auto-renewal.
      const manage = await this.goto('manage-auto', lang, linkIn(mail, this.app.url, 'manage'))
      const text = (await manage.locator('main').textContent()) ?? ''
      assert.ok(text.includes('HK$48'), `manage (${lang}) names the auto-renewal fee: ${text.slice(0, 300)}`)
      await this.oneClick((mail.headers['List-Unsubscribe'] ?? '').slice(1, -1), s.email)
    }
  }

  /** Unsubscribing in the browser from the confirmation email's link: GET shows a button, the button
   * unsubscribes (200, no redirect); doing it again, or by one-click, is still 200. */
  async unsubscribeInBrowser(lang: Lang): Promise<void> {
    const url = this.leaver[lang].unsubscribeUrl
    assert.ok(url, 'subscribe first')
    const page = await this.goto('unsubscribe', lang, url)
    const res = await this.submit(page, page.locator('form[method="post" i] [type="submit"]').first())
    assert.equal(res.status(), 200, `unsubscribe (${lang}) answered ${res.status()}`)
    assert.equal(res.request().redirectedFrom(), null, 'unsubscribe answers without a redirect')
    await this.show('unsubscribed', lang, page, res)
    await this.oneClick(url, `again by one-click (${lang})`)
  }

  /** RFC 8058: a bare POST of List-Unsubscribe=One-Click, with no cookie and no Origin, answers 200. */
  private async oneClick(url: string, what: string): Promise<void> {
    const r: globalThis.Response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
      signal: AbortSignal.timeout(STEP_MS),
    })
    await r.arrayBuffer()
    assert.equal(r.status, 200, `one-click unsubscribe, ${what}: answered ${r.status}`)
  }

  /** The main cards' 7-day reminder at SEND_HOUR: one email per address, in its language, with its links. */
  async reminder(): Promise<void> {
    const e = this.main.en.expiresOn
    const sent = await this.cron(atHK(addDays(e, -7), 9))
    for (const lang of LOCALES) {
      const s = this.main[lang]
      const mail = this.only(sent, s.email, `7-day reminder (${lang})`)
      await this.checkEmail('reminder', lang, mail)
      s.renewedUrl = linkIn(mail, this.app.url, 'renewed')
      s.manageUrl = linkIn(mail, this.app.url, 'manage')
      s.unsubscribeHeader = (mail.headers['List-Unsubscribe'] ?? '').slice(1, -1)
      // The text part stands on its own: every link is in it.
      for (const kind of ['renewed', 'manage', 'unsubscribe', 'calendar']) {
        assert.ok(mail.text?.includes(`${this.app.url}/${kind}/`), `reminder (${lang}): the text has the ${kind} link`)
      }
      await this.calendar(linkIn(mail, this.app.url, 'calendar'), e)
    }
    const again = await this.cron(atHK(addDays(e, -7), 9))
    assert.equal(again.length, 0, 'a second run at the same instant sends nothing')
  }

  /** The add-to-calendar link: valid iCalendar with an all-day event on the expiry date. */
  private async calendar(url: string, expiresOn: string): Promise<void> {
    const r: globalThis.Response = await fetch(url, { signal: AbortSignal.timeout(STEP_MS) })
    const body = await r.text()
    assert.equal(r.status, 200, `calendar answered ${r.status}`)
    assert.match(r.headers.get('content-type') ?? '', /^text\/calendar/, 'calendar content type')
    const lines = body.split(/\r?\n/)
    assert.equal(lines[0], 'BEGIN:VCALENDAR', 'calendar starts with BEGIN:VCALENDAR')
    assert.ok(body.includes('\r\n'), 'iCalendar lines end in CRLF')
    assert.ok(lines.includes('BEGIN:VEVENT') && lines.includes('END:VEVENT'), 'calendar holds an event')
    const day = expiresOn.replaceAll('-', '')
    assert.ok(
      lines.some((l) => l.startsWith('DTSTART;VALUE=DATE:') && l.endsWith(day)),
      `an all-day event on ${expiresOn}`,
    )
  }

  /** Posts a Resend webhook event, Svix-signed with the app's secret (or a wrong one). */
  private async webhook(event: unknown, id = `msg_${randomUUID()}`, secret = this.app.webhookSecret): Promise<number> {
    const body = JSON.stringify(event)
    const timestamp = String(Math.floor(Date.now() / 1000))
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
    const r: globalThis.Response = await fetch(`${this.app.url}/webhooks/resend`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': id,
        'svix-timestamp': timestamp,
        'svix-signature': `v1,${signature}`,
      },
      body,
      signal: AbortSignal.timeout(STEP_MS),
    })
    await r.arrayBuffer()
    return r.status
  }

  /** A permanent bounce (Svix-signed, as Resend sends it) stops all mail, and the manage page says why;
   * a bad signature gets 401, a repeated svix-id is a no-op. */
  async bounce(): Promise<void> {
    for (const lang of LOCALES) {
      const s = this.extra[lang]
      assert.ok(s.manageUrl, 'expiry notice first')
      // (not shown as 'manage': the screenshots keep the main subscriber's manage page)
      const page = await this.page(lang)
      assert.equal((await page.goto(s.manageUrl))?.status(), 200, 'the manage page from the expiry notice')
      const before = (await page.locator('main, body').first().textContent()) ?? ''
      const event = {
        type: 'email.bounced',
        created_at: new Date().toISOString(),
        data: {
          email_id: randomUUID(),
          from: MAIL_FROM,
          to: [s.email],
          subject: 'x',
          bounce: { type: 'Permanent', subType: 'General', message: 'mailbox does not exist' },
        },
      }
      const forged = `whsec_${Buffer.from('not the secret, not the secret!').toString('base64')}`
      assert.equal(await this.webhook(event, undefined, forged), 401, 'a bad webhook signature gets 401')
      const id = `msg_${randomUUID()}`
      assert.equal(await this.webhook(event, id), 200, 'the bounce webhook answers 200')
      assert.equal(await this.webhook(event, id), 200, 'a repeated svix-id answers 200')
      const res = await page.reload()
      await this.show('manage-suppressed', lang, page, res)
      const after = (await page.locator('main, body').first().textContent()) ?? ''
      assert.notEqual(after, before, `manage (${lang}): the page changes once mail has stopped`)
      if (lang === 'en') assert.match(after, /bounce/i, 'the manage page says the mail bounced')
    }
  }

  /** Clicks a submit button of a manage form, which answers 303 back to the manage page. */
  private async submitManage(page: Page, button: Locator, what: string): Promise<void> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'GET', {
        timeout: STEP_MS,
      }),
      button.click(),
    ])
    await page.waitForLoadState('load')
    assert.equal(response.status(), 200, `${what}: the manage page answered ${response.status()}`)
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, `${what}: no field errors`)
  }

  /** The manage page: rename the card, add a second card and remove it again. */
  async manage(lang: Lang): Promise<void> {
    const s = this.main[lang]
    assert.ok(s.manageUrl, 'reminder first')
    const page = await this.goto('manage', lang, s.manageUrl)
    const cards = page.locator('form[action*="/cards/"]:not([action$="/remove"])')
    assert.equal(await cards.count(), 1, 'manage: one card, editable')

    // The address's calendar feed: a webcal:// subscription and a download of the same feed.
    const subscribe = await page.locator('a[href^="webcal://"]').first().getAttribute('href')
    const download = await page.locator('a[download][href*="/calendar/"]').first().getAttribute('href')
    assert.ok(subscribe && download, 'manage: the calendar feed is offered to subscribe and to download')
    assert.equal(download.replace(/^https?:/, 'webcal:'), subscribe, 'manage: both links are the same feed')
    await this.calendar(download, s.expiresOn)

    // Rename (in screenshot mode the name stays, so later pages look natural).
    const edit = cards.first()
    if (!(await edit.isVisible())) await page.locator('details:has(form[action*="/cards/"]) > summary').first().click()
    const label = edit.locator('[name="label"]')
    const renamed = this.labels === 'probe' ? `${lang} renamed <i>card</i>` : await label.inputValue()
    await label.fill(renamed)
    await this.submitManage(page, edit.locator('[type="submit"]').first(), 'edit the card')
    assert.ok((await page.locator('body').textContent())?.includes(renamed), 'the new card name is shown')

    // Add a card far in the future (no reminder of it falls in this journey), then remove it.
    const add = page.locator('form[action$="/cards"]').first()
    if (!(await add.isVisible())) await page.locator('details:has(form[action$="/cards"]) > summary').first().click()
    await add.locator('[name="expires_on"]').fill(addDays(this.today, 400))
    await add.locator('[name="label"]').fill('E2E added card')
    await this.submitManage(page, add.locator('[type="submit"]').first(), 'add a card')
    assert.equal(await cards.count(), 2, 'manage: the added card is listed')
    const added = page.locator('li').filter({ hasText: 'E2E added card' }).first()
    const remove = added.locator('a[href$="/remove"]').first()
    if (!(await remove.isVisible())) await added.locator('summary').first().click()
    // Two steps: a page that names the card and changes nothing, then its button.
    const [ask] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest(), { timeout: STEP_MS }),
      remove.click(),
    ])
    await page.waitForLoadState('load')
    assert.equal(ask.status(), 200, `the remove-card page answered ${ask.status()}`)
    await this.show('remove-card', lang, page, ask)
    assert.ok((await page.content()).includes('E2E added card'), 'remove-card: the page names the card')
    await this.submitManage(page, page.locator('form[method="post" i] [type="submit"]').first(), 'remove a card')
    assert.equal(await cards.count(), 1, 'manage: the added card is gone')
  }

  /** "Delete all my data": a confirmation page, then the address and its cards are gone for good. */
  async deleteAll(lang: Lang): Promise<void> {
    const s = this.main[lang]
    assert.ok(s.manageUrl, 'reminder first')
    const page = await this.page(lang)
    await page.goto(s.manageUrl)
    const [confirm] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest(), { timeout: STEP_MS }),
      page.locator('a[href$="/delete"]').first().click(),
    ])
    await page.waitForLoadState('load')
    assert.equal(confirm.status(), 200, `the delete confirmation page answered ${confirm.status()}`)
    await this.show('delete', lang, page, confirm)
    const res = await this.submit(page, page.locator('form[method="post" i] [type="submit"]').first())
    assert.equal(res.status(), 200, `delete (${lang}) answered ${res.status()}`)
    await this.show('deleted', lang, page, res)
    const after = await page.goto(s.manageUrl)
    const status = after?.status() ?? 0
    assert.ok(status >= 400 && status < 500, `the manage link after deleting answered ${status}, want 4xx`)
  }

  /** Lost the manage link: "Already signed up?" under the form emails a fresh one that opens the cards. */
  async lostLink(lang: Lang): Promise<void> {
    const s = this.main[lang]
    const page = await this.goto('form', lang, `${this.app.url}/?lang=${lang}`)
    await page.locator('details.link-request summary').click()
    await page.locator('form[action="/manage-link"] [name="email"]').fill(s.email.toUpperCase())
    const before = this.app.resend.emails.length
    const res = await this.submit(page, page.locator('form[action="/manage-link"] [type="submit"]'))
    assert.equal(res.status(), 200, `lost link (${lang}) answered ${res.status()}`)
    await this.show('link-sent', lang, page, res)
    const mail = await this.waitForEmail(s.email, before, `manage link email (${lang})`)
    await this.checkEmail('manage-link', lang, mail)
    const manage = await this.goto('manage', lang, linkIn(mail, this.app.url, 'manage'))
    assert.ok((await manage.content()).includes(s.email), `the emailed manage link (${lang}) opens ${s.email}`)
  }

  /** "I've renewed": the page proposes old expiry + cycle; submitting it moves the card on. */
  async renewed(lang: Lang): Promise<void> {
    const s = this.main[lang]
    assert.ok(s.renewedUrl, 'reminder first')
    const page = await this.goto('renewed', lang, s.renewedUrl)
    const field = page.locator('form [name="expires_on"]').first()
    // Carriers count from the top-up day and do not stack: today + 30 is before the expiry 60 days out,
    // so the page proposes the expiry as it is; the carrier's app shows another date, typed here.
    assert.equal(await field.inputValue(), s.expiresOn, 'the proposal is max(expiry, today + cycle)')
    await field.fill(addDays(s.expiresOn, 30))
    const res = await this.submit(page, page.locator('form:has([name="expires_on"]) [type="submit"]').first())
    assert.equal(res.status(), 200, `renewed (${lang}) answered ${res.status()}`)
    await this.show('renewed-done', lang, page, res)
    // Renewed links travel in calendar files: the done page leads to the cards only through a link
    // emailed to the address (the lost-link form), never directly.
    assert.equal(await page.locator('a[href*="/manage/"]').count(), 0, `renewed-done (${lang}) has no manage link`)
    assert.equal(
      await page.locator('main form[action="/manage-link"] [name="email"]').count(),
      1,
      `renewed-done (${lang}) offers the lost-link form`,
    )
    // The same link again (a second tap, or the email reopened) must not push the date out once more.
    const stale = await this.goto('renewed-stale', lang, s.renewedUrl)
    assert.equal(
      await stale.locator('form [name="expires_on"]').count(),
      0,
      `renewed link reused (${lang}) offers no form`,
    )
    assert.ok(
      (await stale.content()).includes(addDays(s.expiresOn, 30).slice(0, 4)),
      `renewed link reused (${lang}) names the new expiry`,
    )
  }

  /** After renewing, the old date's 1-day reminder never comes. */
  async noOldReminder(): Promise<void> {
    const sent = await this.cron(atHK(addDays(this.main.en.expiresOn, -1), 9))
    for (const lang of LOCALES) {
      assert.equal(sent.filter((e) => e.to.includes(this.main[lang].email)).length, 0, `old reminder (${lang})`)
    }
  }

  /** RFC 8058 one-click to the List-Unsubscribe URL of the latest email, twice (idempotent), for
   * the main and the extra subscribers. */
  async oneClickUnsubscribe(): Promise<void> {
    for (const lang of LOCALES) {
      for (const s of [this.main[lang], this.extra[lang]]) {
        assert.ok(s.unsubscribeHeader, 'a scheduled email first')
        await this.oneClick(s.unsubscribeHeader, `${s.email}`)
        await this.oneClick(s.unsubscribeHeader, `${s.email}, again`)
      }
    }
  }

  /** Once everyone has unsubscribed, runs at the renewed cards' reminder instants send them nothing,
   * while the subscriber who signed up without JavaScript (same expiry, 7 days' notice) still gets
   * its reminder: the cron is alive, it just has nobody else to write to. */
  async noMoreEmail(): Promise<void> {
    const renewedExpiry = addDays(this.main.en.expiresOn, 30)
    const stopped = new Set(LOCALES.flatMap((l) => [this.main[l].email, this.extra[l].email, this.leaver[l].email]))
    const times = [
      atHK(addDays(renewedExpiry, -7), 9),
      atHK(addDays(renewedExpiry, -1), 9),
      atHK(renewedExpiry, 9),
      atHK(firstOfNextMonth(renewedExpiry), 9),
    ]
    for (const [i, t] of times.entries()) {
      const sent = await this.cron(t)
      assert.deepEqual(
        sent.filter((e) => e.to.some((to) => stopped.has(to))).map((e) => `${e.to.join()}: ${e.subject}`),
        [],
        `no email after unsubscribing (run at ${new Date(t).toISOString()})`,
      )
      if (i === 0 && this.control) this.only(sent, this.control, 'the 7-day reminder of the still-subscribed control')
    }
  }
}

export interface Step {
  name: string
  run: (j: Journey) => Promise<void>
  /** a known gap this step depends on (see TODO in journey.test.ts) */
  needs?: 'scheduler'
}

/** The journey in order; the e2e test and the screenshots script both run exactly these. */
export function journeySteps(): Step[] {
  const each = (name: (l: Lang) => string, run: (j: Journey, l: Lang) => Promise<void>): Step[] =>
    LOCALES.map((l) => ({ name: name(l), run: (j: Journey) => run(j, l) }))
  return [
    ...each(
      (l) => `the form in ${l}`,
      (j, l) => j.openForm(l),
    ),
    ...each(
      (l) => `the first screen at 390 px and "More settings" (keyboard, summary, errors open it) in ${l}`,
      (j, l) => j.disclosure(l),
    ),
    ...each(
      (l) => `a browser outside Hong Kong gets its own zone on first touch in ${l}`,
      (j, l) => j.browserZone(l),
    ),
    ...each(
      (l) => `the privacy page from the footer in ${l}`,
      (j, l) => j.privacy(l),
    ),
    ...each(
      (l) => `bad input shows field errors in ${l}`,
      (j, l) => j.badInput(l),
    ),
    ...each(
      (l) => `a forged link gets an error page in ${l}`,
      (j, l) => j.errorPage(l),
    ),
    ...each(
      (l) => `subscribe and confirm by email in ${l}`,
      async (j, l) => {
        for (const who of ['main', 'extra', 'leaver'] as const) {
          await j.subscribe(who, l)
          await j.confirm(who, l)
        }
      },
    ),
    ...each(
      (l) => `lost the manage link: the form emails a fresh one in ${l}`,
      (j, l) => j.lostLink(l),
    ),
    ...each(
      (l) => `unsubscribe in the browser in ${l}`,
      (j, l) => j.unsubscribeInBrowser(l),
    ),
    { name: 'subscribe and confirm with JavaScript off', run: (j) => j.withoutJavaScript() },
    ...each(
      (l) => `"send it again" on the check-inbox page, within the 3-an-hour cap, in ${l}`,
      (j, l) => j.resend(l),
    ),
    ...each(
      (l) => `too many sign-ups get a localized 429 page in ${l}`,
      (j, l) => j.rateLimited(l),
    ),
    { name: 'the monthly balance check arrives at SEND_HOUR on the 1st', run: (j) => j.balanceCheck() },
    ...each(
      (l) => `"stop balance checks only" from the balance email in ${l}`,
      (j, l) => j.stopBalance(l),
    ),
    {
      name: 'the 1-day reminder, the expiry notice (still sent after stopping balance checks), then one follow-up',
      run: (j) => j.expiryNotice(),
    },
    { name: 'a permanent bounce webhook stops mail; the manage page says why', run: (j) => j.bounce() },
    { name: 'the 7-day reminder arrives once, in each language', run: (j) => j.reminder() },
    ...each(
      (l) => `the manage page in ${l}: rename, add and remove a card`,
      (j, l) => j.manage(l),
    ),
    ...each(
      (l) => `"I've renewed" in ${l}`,
      (j, l) => j.renewed(l),
    ),
    { name: 'no reminder for the old expiry after renewing', run: (j) => j.noOldReminder() },
    {
      name: 'RFC 8058 one-click unsubscribe from the List-Unsubscribe header answers 200, twice',
      run: (j) => j.oneClickUnsubscribe(),
    },
    { name: 'no more email after unsubscribing', run: (j) => j.noMoreEmail() },
    ...each(
      (l) => `delete all my data in ${l}`,
      (j, l) => j.deleteAll(l),
    ),
    {
      name: 'auto-renewal from the balance: the fee in the reminder, then "did it renew?"',
      run: (j) => j.autoRenewal(),
    },
  ]
}

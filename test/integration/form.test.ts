// The sign-up form: languages, fields, accessibility hooks, and every validation rule with a bad value.
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll } from '../helpers/fixtures'
import { get, hkDate, post, settleSends, validFields } from '../helpers/web'

afterEach(settleSends)

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

async function count(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? -1
}

describe('GET /', () => {
  it('shows the form in zh-Hant by default, with every contract field and a language switch', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/i)
    expect(html).toContain('lang="zh-Hant-HK"')
    expect(html).toContain('電郵')
    for (const name of [
      'email',
      'expires_on',
      'label',
      'carrier',
      'cycle_days',
      'lead_days',
      'auto_renew',
      'balance_check',
      'locale',
      'timezone',
    ]) {
      expect(html).toContain(`name="${name}"`)
    }
    expect(html).toContain('href="/?lang=en"')
    expect(html).toContain('href="/?lang=zh-Hans"')
    // Lead days are a group with a legend; every control has a label.
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend>/)
    const ids = [...html.matchAll(/<(?:input|select)[^>]*\bid="([^"]+)"/g)].map((m) => m[1])
    for (const id of ids) expect(html).toContain(`for="${id}"`)
    // Never asks for a phone number, ID or payment details.
    expect(html).not.toMatch(/name="(phone|tel|id_number|card_number)"/)
  })

  it('lists the usual time zones first, named in the page language, then every zone', async () => {
    const html = await (await get('/?lang=zh-Hant')).text()
    const select = html.match(/<select[^>]*name="timezone"[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? ''
    const groups = [...select.matchAll(/<optgroup label="([^"]+)">/g)].map((m) => m[1])
    expect(groups).toEqual(['常用', '所有時區'])
    // What the browser submits: the value attribute, or the option's text where it has none.
    const values = [...select.matchAll(/<option(?: value="([^"]*)")?[^>]*>([^<]*)(?=<)/g)].map((m) => m[1] ?? m[2])
    expect(values.slice(0, 3)).toEqual(['Asia/Hong_Kong', 'Asia/Shanghai', 'Asia/Macau'])
    expect(select).toContain('>香港時間 · Asia/Hong Kong<option')
    // Each zone once, and every zone is still offered.
    expect(new Set(values).size).toBe(values.length)
    expect(values.length).toBeGreaterThan(300)
    const en = await (await get('/?lang=en')).text()
    expect(en).toContain('>Hong Kong Time · Asia/Hong Kong<option')
    // Renamed cities show today's name (the runtime may list either id; the label is what people read).
    expect(en).not.toMatch(/>Asia\/Calcutta<|>Europe\/Kiev<|>Asia\/Saigon</)
    if (values.includes('Asia/Calcutta')) expect(en).toContain('<option value="Asia/Calcutta">Asia/Kolkata<option')
    // A zone whose label is its id is sent as its text: no value attribute repeats it.
    expect(en).toContain('<option>Africa/Abidjan<option>')
    expect(en).toContain('<option value="America/Los_Angeles">')
  })

  it('follows ?lang= and remembers it in a cookie', async () => {
    const res = await get('/?lang=zh-Hans')
    const html = await res.text()
    expect(html).toContain('lang="zh-Hans-CN"')
    expect(html).toContain('邮箱')
    expect(res.headers.get('set-cookie')).toMatch(/lang=zh-Hans/)
    const again = await get('/', { cookie: 'lang=zh-Hans' })
    expect(await again.text()).toContain('lang="zh-Hans-CN"')
  })

  it('uses Accept-Language when nothing was chosen, and ?lang= beats the cookie', async () => {
    expect(await (await get('/', { 'accept-language': 'en-US,en;q=0.9' })).text()).toContain('lang="en"')
    expect(await (await get('/', { 'accept-language': 'zh-CN' })).text()).toContain('lang="zh-Hans-CN"')
    expect(await (await get('/', { 'accept-language': 'zh-TW' })).text()).toContain('lang="zh-Hant-HK"')
    expect(await (await get('/?lang=en', { cookie: 'lang=zh-Hans' })).text()).toContain('lang="en"')
  })

  it('serves the stylesheet', async () => {
    const res = await get('/assets/site.css')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/css/)
  })
})

describe('POST /subscribe validation', () => {
  const cases: Array<[string, Record<string, string | string[]>, string]> = [
    ['email missing', { email: '' }, 'email'],
    ['email invalid', { email: 'not-an-address' }, 'email'],
    ['email without domain dot', { email: 'a@localhost' }, 'email'],
    ['email too long', { email: `${'a'.repeat(60)}@${'b'.repeat(190)}.com` }, 'email'],
    ['expiry missing', { expires_on: '' }, 'expires_on'],
    ['expiry not a date', { expires_on: '31/12/2026' }, 'expires_on'],
    ['expiry impossible', { expires_on: '2027-02-30' }, 'expires_on'],
    ['expiry in the past', { expires_on: hkDate(-1) }, 'expires_on'],
    ['expiry over 3 years ahead', { expires_on: hkDate(3 * 366 + 1) }, 'expires_on'],
    ['label too long', { label: 'x'.repeat(61) }, 'label'],
    ['label with a control character', { label: 'a\u0007b' }, 'label'],
    ['unknown carrier', { carrier: 'vodafone' }, 'carrier'],
    ['cycle zero', { cycle_days: '0' }, 'cycle_days'],
    ['cycle too long', { cycle_days: '1096' }, 'cycle_days'],
    ['cycle not a number', { cycle_days: 'ninety' }, 'cycle_days'],
    ['lead day too big', { lead_days: ['14', '61'] }, 'lead_days'],
    ['lead day negative', { lead_days: ['-1'] }, 'lead_days'],
    ['lead day fraction', { lead_days: ['1.5'] }, 'lead_days'],
    ['balance check unknown', { balance_check: 'weekly' }, 'balance_check'],
    ['locale unknown', { locale: 'fr' }, 'locale'],
    ['timezone unknown', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
  ]

  for (const [name, bad, field] of cases) {
    it(`rejects ${name} with a 4xx, a message tied to the field, and the values kept`, async () => {
      const fields = validFields(bad)
      const res = await post('/subscribe', fields)
      expect(res.status).toBe(422)
      const html = await res.text()
      // A bad reminder day can only be the typed one: its message sits by the "another number" input.
      const id = field === 'lead_days' ? 'f-lead-other' : `f-${field}`
      expect(html).toContain(`id="${id}-error"`)
      expect(html).toMatch(new RegExp(`aria-describedby="${id}-error`))
      // Groups (balance check, cycle) carry their message on the fieldset; the cycle's "other" box is marked.
      const invalid = field === 'cycle_days' ? 'f-cycle_days-other' : id
      if (field !== 'balance_check')
        expect(html).toMatch(
          new RegExp(`id="${invalid}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${invalid}"`),
        )
      // The other values are still there.
      if (field !== 'label') expect(html).toContain('value="Travel SIM"')
      expect(html).toContain('class="error"')
      expect(await count('cards')).toBe(0)
      expect(await count('outbox')).toBe(0)
    })
  }

  it('shows one "another number of days" input after an error, keeping what was typed', async () => {
    const otherInputs = (html: string) => [...html.matchAll(/<input[^>]*id="f-lead-other"[^>]*>/g)].map((m) => m[0])
    // Nothing typed in it: still exactly one, empty.
    const blank = await (await post('/subscribe', validFields({ email: '' }))).text()
    expect(otherInputs(blank)).toHaveLength(1)
    expect(blank.match(/Another number of days before/g)).toHaveLength(1)
    // A custom day typed: one input, holding it, not an extra empty one beside it.
    const typed = await (await post('/subscribe', validFields({ email: '', lead_days: ['14', '20', ''] }))).text()
    expect(typed.match(/Another number of days before/g)).toHaveLength(1)
    expect(otherInputs(typed)).toHaveLength(1)
    expect(otherInputs(typed)[0]).toContain('value="20"')
    expect(typed).toMatch(/id="f-lead-14"[^>]*checked|checked[^>]*id="f-lead-14"/)
    // zh-Hant, as the user test saw it.
    const zh = await (
      await post('/subscribe', validFields({ form_lang: 'zh-Hant', email: '', lead_days: ['5'] }))
    ).text()
    expect(zh.match(/其他日數：到期前幾日/g)).toHaveLength(1)
  })

  it('ties a bad custom day’s message to that input, not to the top of the group', async () => {
    const res = await post('/subscribe', validFields({ lead_days: ['7', '99'] }))
    expect(res.status).toBe(422)
    const html = await res.text()
    const input = html.match(/<input[^>]*id="f-lead-other"[^>]*>/)?.[0] ?? ''
    expect(input).toContain('value="99"')
    expect(input).toContain('aria-invalid="true"')
    expect(input).toContain('aria-describedby="f-lead-other-error"')
    expect(html).toContain('<p class="error" id="f-lead-other-error">Each reminder must be')
    // The group itself carries no message, so it is said once, by the input.
    expect(html).not.toContain('id="f-lead_days-error"')
    expect(html.match(/<fieldset[^>]*id="f-lead_days"[^>]*>/)?.[0]).not.toContain('-error')
    // The preset boxes are not marked invalid.
    expect(html).not.toMatch(/id="f-lead-7"[^>]*aria-invalid/)
  })

  it('keeps a count over the limit as a message on the whole group', async () => {
    const res = await post('/subscribe', validFields({ lead_days: Array.from({ length: 11 }, (_, i) => String(i)) }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('id="f-lead_days-error"')
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="f-lead_days-error/)
    expect(html).not.toContain('id="f-lead-other-error"')
  })

  it('turns the browser’s own checks off, so messages come in the page language, but keeps required and types', async () => {
    for (const lang of ['zh-Hant', 'zh-Hans', 'en']) {
      const html = await (await get(`/?lang=${lang}`)).text()
      expect(html).toMatch(/<form[^>]*action="\/subscribe"[^>]*novalidate/)
      expect(html).toMatch(/<input[^>]*name="email"[^>]*required|<input[^>]*required[^>]*name="email"/)
      expect(html).toMatch(/<input[^>]*type="email"/)
      expect(html).toMatch(/<input[^>]*type="date"/)
    }
    // After an error too.
    const again = await (await post('/subscribe', validFields({ email: '' }))).text()
    expect(again).toMatch(/<form[^>]*action="\/subscribe"[^>]*novalidate/)
  })

  it('shows messages in the form language', async () => {
    const res = await post('/subscribe', validFields({ form_lang: 'zh-Hant', email: '' }))
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('請輸入你的電郵地址')
    const hans = await post('/subscribe', validFields({ form_lang: 'zh-Hans', email: '' }))
    expect(await hans.text()).toContain('请输入你的邮箱地址')
  })

  it('answers 4xx, never 5xx, to an empty, JSON or broken multipart body', async () => {
    expect((await post('/subscribe', '')).status).toBe(422)
    expect((await post('/subscribe', '{"email":"a@b.co"}', { 'content-type': 'application/json' })).status).toBe(422)
    const broken = await post('/subscribe', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nbroken', {
      'content-type': 'multipart/form-data; boundary=x',
    })
    expect(broken.status).toBeGreaterThanOrEqual(400)
    expect(broken.status).toBeLessThan(500)
  })

  it('accepts the optional fields left out, with defaults', async () => {
    const res = await post('/subscribe', { email: 'minimal@example.com', expires_on: hkDate(10), form_lang: 'en' })
    expect(res.status).toBe(200)
    const card = await env.DB.prepare('SELECT * FROM cards').first<Record<string, unknown>>()
    expect(card?.lead_days).toBe('[14,7,1]')
    expect(card?.balance_check).toBe('none')
    expect(card?.carrier).toBeNull()
    expect(card?.pending_timezone).toBe('Asia/Hong_Kong')
    expect(card?.pending_locale).toBe('en')
  })

  it('accepts multipart bodies too', async () => {
    const fd = new FormData()
    for (const [k, v] of Object.entries(validFields())) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x)
    const res = await (await import('cloudflare:workers')).exports.default.fetch(
      new Request('https://simkeep.test/subscribe', {
        method: 'POST',
        body: fd,
        headers: { origin: 'https://simkeep.test', 'cf-connecting-ip': '203.0.113.77' },
      }),
    )
    expect(res.status).toBe(200)
  })
})

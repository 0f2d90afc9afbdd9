// The sign-up form's first screen and its "More settings" disclosure: what is outside it, the summary
// in words, opening by itself on an error inside, and the cycle as choices that post cycle_days.
import { describe, expect, it } from 'vitest'
import { get, post, row, validFields } from '../helpers/web'

const details = (html: string) => /<details class="more"[^>]*>[\s\S]*?<\/details>/.exec(html)?.[0] ?? ''
const summary = (html: string) =>
  (/<span class="more-now"[^>]*>([^<]*)<\/span>/.exec(html)?.[1] ?? '').replace(/[\u2060]/g, '').replace(/\u00a0/g, ' ')

describe('sign-up form disclosure', () => {
  it('shows the promises, email, expiry and carrier outside; the rest inside, closed, with a summary', async () => {
    const html = await (await get('/?lang=en')).text()
    expect(html).toContain('<li>Free</li>')
    expect(html).toContain('<li>Never your phone number, ID or payment details</li>')
    const more = details(html)
    expect(more).toMatch(/^<details class="more">/)
    for (const name of ['label', 'lead_days', 'cycle_days', 'auto_renew', 'balance_check', 'locale', 'timezone']) {
      expect(more).toContain(`name="${name}"`)
    }
    for (const name of ['email', 'expires_on', 'carrier']) expect(more).not.toContain(`name="${name}"`)
    expect(summary(html)).toBe('Reminders 14, 7 and 1 days before, 9 am Hong Kong Time, in English')
    expect(summary(await (await get('/?lang=zh-Hant')).text())).toBe(
      '到期前 14、7 及 1 日提醒，香港時間上午9時，用繁體中文',
    )
    // Mainland readers say 9点 (Intl's zh-CN writes the official notices' 9时).
    const hans = summary(await (await get('/?lang=zh-Hans')).text())
    expect(hans).toContain('上午9点')
    // Numbers are spaced from Han characters, the conjunction between two numbers too (Intl writes 7和1).
    expect(hans).toContain('到期前 14、7 和 1 天')
  })

  it('opens by itself when a field inside has an error, and the summary follows what was sent', async () => {
    const res = await post('/subscribe', validFields({ timezone: 'Mars/Olympus', lead_days: ['7', '0'] }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(details(html)).toMatch(/^<details class="more" open="">/)
    expect(summary(html)).toContain('Reminders 7 days before and on the expiry day')
    expect(summary(html)).toContain('180-day cycle')
    expect(summary(html)).toContain('monthly balance check')
  })

  it('every reminder day unticked: an error beside the days, the disclosure open, nothing stored', async () => {
    const html = await (await get('/?lang=zh-Hant')).text()
    // The form carries the marker that tells "all unticked" from a client that sends no days at all.
    expect(details(html)).toContain('name="lead_days_shown"')
    const fields = validFields({ lead_days: [], lead_days_shown: '1', locale: 'zh-Hant' })
    const res = await post('/subscribe', { ...fields, form_lang: 'zh-Hant' })
    expect(res.status).toBe(422)
    const page = await res.text()
    expect(details(page)).toMatch(/^<details class="more" open="">/)
    expect(details(page)).toContain('請最少選一個提醒日，否則到期前不會收到提醒')
    expect(await row('SELECT 1 FROM subscribers WHERE email = ?1', String(fields.email).toLowerCase())).toBeNull()
  })

  it('stays closed when only a visible field is wrong', async () => {
    const html = await (await post('/subscribe', validFields({ email: 'not-an-address' }))).text()
    expect(details(html)).toMatch(/^<details class="more">/)
  })

  it('the cycle radios and the "other" box all post cycle_days: a preset, a typed number, or none', async () => {
    const cases: Array<[string[], number | null]> = [
      [['90', ''], 90],
      [['', '45'], 45],
      [['', ''], null],
      [['365', '365'], 365],
    ]
    for (const [values, stored] of cases) {
      const fields = validFields({ cycle_days: values })
      expect((await post('/subscribe', fields)).status).toBe(200)
      const card = await row<{ cycle_days: number | null }>(
        'SELECT c.cycle_days FROM cards c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email = ?1',
        String(fields.email).toLowerCase(),
      )
      expect(card?.cycle_days).toBe(stored)
    }
  })

  it('a ticked preset and a different typed number is an error by the group, both kept', async () => {
    const res = await post('/subscribe', validFields({ cycle_days: ['90', '45'] }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('id="f-cycle_days-error"')
    expect(html).toContain('Please pick one of the choices or type a number, not both.')
    expect(html).toMatch(/id="f-cycle_days-90"[^>]*checked/)
    expect(html).toMatch(/id="f-cycle_days-other"[^>]*value="45"/)
  })

  it('writes a chosen date in words beside the date input, in the page language', async () => {
    const html = await (
      await post('/subscribe', validFields({ form_lang: 'zh-Hant', email: 'x', expires_on: '2027-01-25' }))
    ).text()
    expect(html).toContain('2027年1月25日星期一')
  })
})

// POST /manage-link: an address that has reminders gets a fresh manage link by email, one still waiting
// for its confirmation gets that again; the answer is the same for any address, and nobody else gets mail.
import { beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertSubscriber } from '../helpers/fixtures'
import { get, linkPath, mailsTo, newIp, post, settleSends, snapshot, subscribeAndGetConfirm } from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

const ask = (email: string, lang = 'en', ip = newIp()) =>
  post('/manage-link', { email, form_lang: lang }, { 'cf-connecting-ip': ip })

/** The answer page with the typed address taken out: it must not tell who subscribed. */
const answer = async (res: Response, typed: string) => (await res.text()).replaceAll(typed, '…')

describe('POST /manage-link', () => {
  it('emails a confirmed address a manage link, in its own language, that opens its cards', async () => {
    const s = await insertSubscriber({ email: 'mei@example.com', locale: 'zh-Hant', confirmedAt: 1 })
    const res = await ask('Mei@Example.com', 'en')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<strong>Mei@Example.com</strong>')
    await settleSends()
    const [mail, more] = await mailsTo(s.email)
    expect(more).toBeUndefined()
    expect(mail?.subject).toBe('你的 SIMKeep 提醒管理連結')
    expect(mail?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const page = await get(linkPath(mail as never, 'manage'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(s.email)
  })

  it('answers the same for unknown, pending, suppressed and confirmed addresses; only the confirmed one gets mail', async () => {
    await insertSubscriber({ email: 'ok@example.com', confirmedAt: 1 })
    await insertSubscriber({ email: 'pending@example.com', status: 'pending' })
    await insertSubscriber({ email: 'gone@example.com', confirmedAt: 1, suppressedAt: 5, suppressedReason: 'bounced' })
    const pages = new Set<string>()
    for (const email of ['ok@example.com', 'pending@example.com', 'gone@example.com', 'nobody@example.com']) {
      const res = await ask(email)
      expect(res.status).toBe(200)
      pages.add(await answer(res, email))
    }
    expect(pages.size).toBe(1)
    await settleSends()
    expect(await mailsTo('ok@example.com')).toHaveLength(1)
    for (const email of ['pending@example.com', 'gone@example.com', 'nobody@example.com']) {
      expect(await mailsTo(email)).toHaveLength(0)
    }
  })

  it('an address still waiting for its confirmation gets that confirmation again, whose link works', async () => {
    const { email } = await subscribeAndGetConfirm({ locale: 'en' })
    expect((await ask(email)).status).toBe(200)
    await settleSends()
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(2)
    expect(mails[1]?.subject).toBe(mails[0]?.subject)
    const confirmed = await post(linkPath(mails[1] as never, 'confirm'))
    expect(await confirmed.text()).toContain('Travel SIM')
  })

  it('a bad address gets 422 with a localized message by the field, what was typed kept, nothing stored', async () => {
    const before = await snapshot()
    const res = await ask('not-an-address', 'zh-Hans')
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toMatch(/<details class="link-request" open/)
    expect(html).toMatch(/<input[^>]*id="l-email"[^>]*value="not-an-address"[^>]*aria-invalid="true"/)
    expect(html).toContain('id="l-email-error"')
    expect(html).toContain('邮箱')
    expect(await snapshot()).toBe(before)
  })

  it('sends at most 3 emails an hour to one address, counted with confirmations', async () => {
    await insertSubscriber({ email: 'many@example.com', confirmedAt: 1 })
    for (let i = 0; i < 5; i++) expect((await ask('many@example.com')).status).toBe(200)
    await settleSends()
    expect(await mailsTo('many@example.com')).toHaveLength(3)
  })

  it('the form page offers it, and a reloaded answer leads back to the form', async () => {
    const html = await (await get('/?lang=en')).text()
    expect(html).toContain('action="/manage-link"')
    expect(html).toContain('Already signed up? Get a link to your reminders')
    const again = await get('/manage-link')
    expect(again.status).toBe(200)
    expect(await again.text()).toContain('action="/subscribe"')
  })
})

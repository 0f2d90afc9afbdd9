// "Send it again" on the check-inbox page: the newest pending card's confirmation once more, within the
// same 3-an-hour cap, with the same answer for every address; every link sent for the card confirms it,
// and the same form sent twice makes one card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll } from '../helpers/fixtures'
import { get, linkPath, mailsTo, post, row, settleSends, subscribeAndGetConfirm, validFields } from '../helpers/web'

afterEach(settleSends)
beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

const resend = (email: string) => post('/subscribe/resend', { form_lang: 'en', email, locale: 'en' })
const sameBut = (page: string, email: string) => page.replaceAll(email, 'ADDRESS')

describe('send it again', () => {
  it('the check-inbox page names the From address and subject, and offers the button', async () => {
    const { res } = await subscribeAndGetConfirm({ locale: 'zh-Hans', form_lang: 'en' })
    const html = await res.text()
    expect(html).toContain('SIMKeep &lt;remind@mail.simkeep.test&gt;')
    // The subject of the email as sent, in the email's language.
    expect(html).toContain('请确认你的 SIMKeep 保号提醒')
    expect(html).toContain('action="/subscribe/resend"')
    expect(html).toContain('Send it again')
    // The cap is said up front, the same for every address: a fourth tap in the hour is not a surprise.
    expect(html).toContain('up to 3 emails an hour, and the link in each one works')
  })

  it('sends the link again (the earlier one keeps working), and the cap of 3 an hour holds', async () => {
    const { email, confirm } = await subscribeAndGetConfirm()
    expect((await resend(email)).status).toBe(200)
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(2)
    const fresh = linkPath(mails[1]!, 'confirm')
    // Mail is slow, the person taps "send it again", then opens whichever email came first: both work.
    expect((await get(confirm)).status).toBe(200)
    expect((await get(fresh)).status).toBe(200)
    await resend(email)
    await resend(email)
    await resend(email)
    expect(await mailsTo(email)).toHaveLength(3)
    // No new card: still the one pending card.
    const cards = await row<{ n: number }>(
      'SELECT count(*) AS n FROM cards c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email = ?1',
      email,
    )
    expect(cards?.n).toBe(1)
    // The first email's link confirms it; the newest then says it is already confirmed.
    expect(await (await post(confirm)).text()).toContain('Travel SIM')
    expect(
      (
        await row<{ status: string }>(
          'SELECT c.status FROM cards c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email = ?1',
          email,
        )
      )?.status,
    ).toBe('active')
    expect((await post(fresh)).status).toBe(200)
  })

  it('the same form sent twice (a reloaded answer page) makes one card, confirmable from either email', async () => {
    const fields = validFields({ locale: 'en' })
    await post('/subscribe', fields)
    await post('/subscribe', { ...fields, locale: 'zh-Hant' })
    const email = String(fields.email).toLowerCase()
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(2)
    const cards = () =>
      row<{ n: number; active: number; locale: string | null }>(
        `SELECT count(*) AS n, sum(c.status = 'active') AS active, max(c.pending_locale) AS locale
         FROM cards c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email = ?1`,
        email,
      )
    // One card waiting, in the language the form was sent with last.
    expect(await cards()).toMatchObject({ n: 1, active: 0, locale: 'zh-Hant' })
    const first = linkPath(mails[0]!, 'confirm')
    expect((await post(first)).status).toBe(200)
    expect((await post(linkPath(mails[1]!, 'confirm'))).status).toBe(200)
    expect(await cards()).toMatchObject({ n: 1, active: 1 })
    // A different card from the same address is a card of its own.
    const dayAfter = new Date(Date.parse(`${fields.expires_on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    await post('/subscribe', { ...fields, expires_on: dayAfter })
    expect((await cards())?.n).toBe(2)
  })

  it('answers the same for an address with a pending card, an unknown one and a confirmed one', async () => {
    const { email } = await subscribeAndGetConfirm()
    const known = await (await resend(email)).text()
    const unknown = await (await resend('nobody@example.com')).text()
    expect(sameBut(unknown, 'nobody@example.com')).toBe(sameBut(known, email))
    expect(await mailsTo('nobody@example.com')).toHaveLength(0)
  })
})

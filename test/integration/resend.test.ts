// "Send it again" on the check-inbox page: the newest pending card's confirmation once more, within the
// same 3-an-hour cap, with the same answer for every address; only the newest link confirms.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll } from '../helpers/fixtures'
import { get, linkPath, mailsTo, post, row, settleSends, subscribeAndGetConfirm } from '../helpers/web'

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
  })

  it('sends a new link (the old one stops working), and the cap of 3 an hour holds', async () => {
    const { email, confirm } = await subscribeAndGetConfirm()
    expect((await resend(email)).status).toBe(200)
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(2)
    const fresh = linkPath(mails[1]!, 'confirm')
    expect(fresh).not.toBe(confirm)
    expect((await get(confirm)).status).toBe(404)
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
  })

  it('answers the same for an address with a pending card, an unknown one and a confirmed one', async () => {
    const { email } = await subscribeAndGetConfirm()
    const known = await (await resend(email)).text()
    const unknown = await (await resend('nobody@example.com')).text()
    expect(sameBut(unknown, 'nobody@example.com')).toBe(sameBut(known, email))
    expect(await mailsTo('nobody@example.com')).toHaveLength(0)
  })
})

// GET /privacy: in each language, with the operator from OPERATOR_NAME/OPERATOR_EMAIL and the retention
// periods the cron applies; linked from every page.
import { describe, expect, it } from 'vitest'
import { DONE_TTL_MS, PENDING_TTL_MS } from '../../src/cron/run'
import { get } from '../helpers/web'

describe('privacy page', () => {
  it.each([
    [
      'en',
      'Privacy',
      'Example Operator Ltd runs this SIMKeep service',
      'days after it was sent',
      'its content only until our mail provider accepts it',
    ],
    ['zh-Hant', '私隱', '這個 SIMKeep 服務由 Example Operator Ltd 營運', '發出後', '內容只保留至郵件服務商接收為止'],
    ['zh-Hans', '隐私', '这个 SIMKeep 服务由 Example Operator Ltd 运营', '发出后', '内容只保存到邮件服务商接收为止'],
  ] as const)('%s: title, operator, contact, retention from the code', async (lang, title, operator, sent, body) => {
    const res = await get(`/privacy?lang=${lang}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(new RegExp(`<h1>${title}</h1>`))
    expect(html).toContain(operator)
    expect(html).toContain('href="mailto:privacy@simkeep.test"')
    expect(html).toContain(String(DONE_TTL_MS / 86_400_000))
    expect(html).toContain(String(PENDING_TTL_MS / 86_400_000))
    expect(html).toContain(sent)
    // As the outbox does it (migration 0006, test/integration/retention.test.ts): an email's content is
    // deleted once the provider accepts it, and settled reminders' records after DONE_TTL_MS, not kept
    // as long as the card.
    expect(html).toContain(body)
    const days = String(DONE_TTL_MS / 86_400_000)
    expect(html.split(days).length - 1).toBeGreaterThanOrEqual(3)
    // The language links stay on this page.
    expect(html).toContain('href="/privacy?lang=en"')
  })

  it('is linked from the form, an error page and the privacy page itself', async () => {
    for (const path of ['/?lang=en', '/no-such-page?lang=zh-Hans', '/privacy?lang=zh-Hant']) {
      const html = await (await get(path)).text()
      expect(html).toMatch(/<footer>[\s\S]*href="\/privacy\?lang=(en|zh-Hans|zh-Hant)"/)
    }
  })
})

// The form cannot be aimed at a stranger's inbox: caps per normalised mailbox (hourly and daily), no
// typed text in the confirmation email, and no links in card labels.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { insertUnderMailboxCaps } from '../../src/db/outbox'
import { CONFIRMATIONS_PER_DAY, CONFIRMATIONS_PER_HOUR, mailboxCaps } from '../../src/security/rate-limit'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertSubscriber } from '../helpers/fixtures'
import { get, hkDate, post, row, token, validFields } from '../helpers/web'

beforeEach(clearAll)

describe('confirmation caps per mailbox', () => {
  it('ten +tag and dot variants of one Gmail address get 3 confirmation emails in all, with the same answer', async () => {
    const fake = installFakeResend()
    const variants = [
      'victim@gmail.com',
      'Victim+1@gmail.com',
      'v.ictim@gmail.com',
      'vic.tim+news@googlemail.com',
      'VICTIM+2@GMAIL.COM',
      'v.i.c.t.i.m@gmail.com',
      'victim+3@googlemail.com',
      'vict.im+x@gmail.com',
      'victim+4@gmail.com',
      'victim+5@gmail.com',
    ]
    const answers = new Set<string>()
    for (const email of variants) {
      const res = await post('/subscribe', validFields({ email }))
      expect(res.status).toBe(200)
      answers.add((await res.text()).replaceAll(email, '…'))
    }
    expect(answers.size).toBe(1)
    expect(fake.emails).toHaveLength(CONFIRMATIONS_PER_HOUR)
    // A lost-link email counts against the same cap.
    await insertSubscriber({ email: 'victim+old@gmail.com', confirmedAt: 1 })
    await post('/manage-link', { form_lang: 'en', email: 'victim+old@gmail.com' })
    expect(fake.emails).toHaveLength(CONFIRMATIONS_PER_HOUR)
    // Another mailbox is not affected.
    await post('/subscribe', validFields({ email: 'someone.else@gmail.com' }))
    expect(fake.emails).toHaveLength(CONFIRMATIONS_PER_HOUR + 1)
  })

  it('a daily cap stands beside the hourly one', async () => {
    const secret = env.SIGNING_SECRET ?? ''
    const s = await insertSubscriber({ email: 'daily@example.com', status: 'pending' })
    const day = 86_400_000
    const start = Date.UTC(2027, 0, 1)
    let stored = 0
    // One email every 70 minutes: never more than one in any hour.
    for (let i = 0; i < 20; i++) {
      const now = start + i * 70 * 60_000
      const variant = `daily+${i}@example.com`
      const caps = await mailboxCaps(secret, variant, now)
      const insert = insertUnderMailboxCaps(
        env.DB,
        { id: `o${i}`, subscriberId: s.id, kind: 'confirm', batchKey: `confirm-o${i}`, message: msg(variant), now },
        caps,
        { id: 'lease', until: now + 60_000 },
      )
      stored += (await env.DB.batch(insert))[0]?.meta.changes ?? 0
    }
    // 20 × 70 minutes is under a day: the daily cap, not the hourly one, stopped it.
    expect(20 * 70 * 60_000).toBeLessThan(day)
    expect(stored).toBe(CONFIRMATIONS_PER_DAY)
    // A day after the first one, the next may go.
    const later = start + day + 60_000
    const caps = await mailboxCaps(secret, 'daily@example.com', later)
    const next = insertUnderMailboxCaps(
      env.DB,
      { id: 'o-next', subscriberId: s.id, kind: 'confirm', batchKey: 'confirm-o-next', message: msg('x'), now: later },
      caps,
      { id: 'lease', until: later + 60_000 },
    )
    expect((await env.DB.batch(next))[0]?.meta.changes).toBe(1)
  })
})

const msg = (to: string) => ({
  from: 'SIMKeep <remind@mail.simkeep.test>',
  to,
  subject: 's',
  html: 'h',
  text: 't',
  headers: {},
})

describe('the confirmation email carries no typed text', () => {
  it('shows carrier and expiry but not the label, which appears once confirmed', async () => {
    const fake = installFakeResend()
    const email = 'label.check@example.com'
    await post('/subscribe', validFields({ email, label: 'Grandma’s travel card', carrier: 'csl' }))
    const [mail] = fake.emails
    expect(mail).toBeTruthy()
    for (const part of [mail?.html ?? '', mail?.text ?? '', mail?.subject ?? '']) {
      expect(part).not.toContain('Grandma')
      expect(part).not.toContain('travel card')
    }
    expect(mail?.text).toContain('csl')
    const confirm = (mail?.text ?? '').match(/https:\/\/simkeep\.test(\/confirm\/[A-Za-z0-9._-]+)/)?.[1] as string
    expect(confirm).toBeTruthy()
    // Neither does the page the link opens; the page after pressing Confirm names the card by its label.
    const page = await (await get(confirm)).text()
    expect(page).not.toContain('Grandma')
    expect(page).toContain('csl')
    expect(await (await post(confirm)).text()).toContain('Grandma’s travel card')
  })
})

describe('labels with a link or an address', () => {
  it('are refused on the sign-up form next to the field, in the page language, values kept, nothing stored', async () => {
    const fake = installFakeResend()
    const label = 'Renew now: https://evil.example/hk-renew'
    for (const [lang, message] of [
      ['en', 'Please leave out web and email addresses'],
      ['zh-Hant', '名稱不可以包含網址或電郵地址'],
      ['zh-Hans', '名称不能包含网址或邮箱地址'],
    ] as const) {
      const email = `link.${lang}@example.com`
      const res = await post('/subscribe', validFields({ form_lang: lang, email, label }))
      expect(res.status).toBe(422)
      const html = await res.text()
      const field = html.slice(html.indexOf('for="f-label"'), html.indexOf('id="f-label"') + 400)
      expect(field).toContain(message)
      expect(html).toContain(`value="${email}"`)
      expect(html).toContain('value="Renew now: https://evil.example/hk-renew"')
      expect(await row('SELECT id FROM subscribers WHERE email = ?1', email)).toBeNull()
    }
    const address = await post('/subscribe', validFields({ label: 'write to help@evil.example' }))
    expect(address.status).toBe(422)
    expect(fake.emails).toHaveLength(0)
  })

  it('are refused on the manage page too, when adding or editing a card', async () => {
    installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    const base = `/manage/${await token('manage', s.id)}`
    const fields = {
      label: 'Top up at cmhk-renew.com',
      expires_on: hkDate(60),
      lead_days: ['7'],
      balance_check: 'none',
    }
    const res = await post(`${base}/cards`, fields)
    expect(res.status).toBe(422)
    const html = await res.text()
    const field = html.slice(html.indexOf('for="add-label"'), html.indexOf('id="add-label"') + 400)
    expect(field).toContain('Please leave out web and email addresses')
    expect(html).toContain('value="Top up at cmhk-renew.com"')
    expect(await row('SELECT id FROM cards WHERE subscriber_id = ?1', s.id)).toBeNull()
  })
})

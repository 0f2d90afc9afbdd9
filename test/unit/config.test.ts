// Configuration is checked once and fails loudly, naming settings but never their values.
import { Resend } from 'resend'
import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../src/config'
import type { Env } from '../../src/env'

/** Local development: loopback URL, no Resend. */
const base = {
  DB: {} as D1Database,
  PUBLIC_URL: 'http://localhost:8787',
  MAIL_FROM: 'SIMKeep <remind@localhost>',
  SIGNING_SECRET: 's'.repeat(32),
} satisfies Env

/** A deployment: public URL, Resend, operator named. */
const deployed = {
  ...base,
  PUBLIC_URL: 'https://simkeep.example',
  MAIL_FROM: 'SIMKeep <remind@mail.simkeep.example>',
  RESEND_API_KEY: 're_live_key',
  RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  OPERATOR_NAME: 'Example Ltd',
  OPERATOR_EMAIL: 'privacy@example.com',
} satisfies Env

const problems = (env: Env): string => {
  try {
    parseConfig(env)
    return ''
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    return err.message
  }
}

describe('parseConfig', () => {
  it('accepts a local setup without Resend', () => {
    const c = parseConfig(base)
    expect(c).toMatchObject({ resendApiKey: null, sendHour: 9, turnstile: null, workersPlan: 'free' })
  })

  it('reads the operator (OPERATOR_NAME, OPERATOR_EMAIL); unset is null, a bad address fails loudly', () => {
    expect(parseConfig(base).operator).toBeNull()
    expect(
      parseConfig({ ...base, OPERATOR_NAME: ' Example Ltd ', OPERATOR_EMAIL: 'privacy@example.com' }).operator,
    ).toEqual({ name: 'Example Ltd', email: 'privacy@example.com' })
    expect(parseConfig({ ...base, OPERATOR_NAME: 'Example Ltd' }).operator).toEqual({
      name: 'Example Ltd',
      email: null,
    })
    expect(() => parseConfig({ ...base, OPERATOR_NAME: 'X', OPERATOR_EMAIL: 'not an address' })).toThrow(
      /OPERATOR_EMAIL/,
    )
    expect(() => parseConfig({ ...base, OPERATOR_EMAIL: 'privacy@example.com' })).toThrow(/OPERATOR_NAME/)
  })

  it('reads WORKERS_PLAN: free by default, paid when set', () => {
    expect(parseConfig({ ...base, WORKERS_PLAN: '' }).workersPlan).toBe('free')
    expect(parseConfig({ ...base, WORKERS_PLAN: 'free' }).workersPlan).toBe('free')
    expect(parseConfig({ ...base, WORKERS_PLAN: ' paid ' }).workersPlan).toBe('paid')
  })

  it('rejects any other WORKERS_PLAN, naming the setting', () => {
    for (const plan of ['pro', 'Paid', 'enterprise', '1']) {
      expect(() => parseConfig({ ...base, WORKERS_PLAN: plan })).toThrow(ConfigError)
      expect(() => parseConfig({ ...base, WORKERS_PLAN: plan })).toThrow(/WORKERS_PLAN must be free or paid/)
    }
  })

  it('lists every problem, without secret values', () => {
    try {
      parseConfig({
        ...deployed,
        RESEND_WEBHOOK_SECRET: '',
        PUBLIC_URL: 'simkeep.example/',
        SIGNING_SECRET: 'tiny-secret-value',
        RESEND_API_KEY: 're_abc123secret',
        TURNSTILE_SITE_KEY: 'x',
      })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const msg = (err as Error).message
      expect(msg).toMatch(/PUBLIC_URL/)
      expect(msg).toMatch(/SIGNING_SECRET/)
      expect(msg).toMatch(/RESEND_WEBHOOK_SECRET/)
      expect(msg).toMatch(/TURNSTILE/)
      expect(msg).not.toContain('tiny-secret-value')
      expect(msg).not.toContain('re_abc123secret')
    }
  })

  it('accepts a deployment, with its operator and no /admin unless Access is set', () => {
    expect(parseConfig(deployed)).toMatchObject({
      resendApiKey: 're_live_key',
      operator: { name: 'Example Ltd', email: 'privacy@example.com' },
      access: null,
    })
  })

  it('refuses a public PUBLIC_URL without RESEND_API_KEY: mail would only be stored locally', () => {
    expect(problems({ ...deployed, RESEND_API_KEY: '' })).toMatch(
      /RESEND_API_KEY must be set when PUBLIC_URL is not a loopback URL/,
    )
    for (const url of ['http://localhost:8787', 'http://127.0.0.1:9000', 'http://[::1]:8787', 'http://127.1.2.3']) {
      expect(problems({ ...base, PUBLIC_URL: url })).toBe('')
    }
    for (const url of ['http://localhost.example.com', 'http://192.168.1.5:8787', 'https://127.0.0.1.nip.io']) {
      expect(problems({ ...base, PUBLIC_URL: url })).toMatch(/RESEND_API_KEY must be set/)
    }
  })

  it('with a key, refuses the shipped loopback PUBLIC_URL and a MAIL_FROM at localhost', () => {
    expect(problems({ ...deployed, PUBLIC_URL: 'http://localhost:8787' })).toMatch(
      /PUBLIC_URL must be the public address/,
    )
    expect(problems({ ...deployed, MAIL_FROM: 'SIMKeep <remind@localhost>' })).toMatch(
      /MAIL_FROM must be an address on a domain verified/,
    )
    expect(problems({ ...deployed, MAIL_FROM: 'remind@mail.localhost' })).toMatch(/MAIL_FROM/)
    // A local stand-in for Resend (tests, e2e) may run against a local Worker.
    expect(
      problems({
        ...base,
        RESEND_API_KEY: 're_x',
        RESEND_WEBHOOK_SECRET: deployed.RESEND_WEBHOOK_SECRET,
        RESEND_BASE_URL: 'http://127.0.0.1:4010',
      }),
    ).toBe('')
  })

  it('decodes RESEND_WEBHOOK_SECRET as the SDK does, and refuses one it could not use', () => {
    const verify = (secret: string) => {
      try {
        new Resend('re_x').webhooks.verify({
          payload: '{}',
          headers: { id: 'a', timestamp: '1', signature: 'v1,x' },
          webhookSecret: secret,
        })
      } catch (err) {
        // Only a decodable secret gets as far as checking the signature.
        return (err as Error).name === 'WebhookVerificationError'
      }
      return true
    }
    for (const secret of [
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'whsec_AAAA',
      'whsec_AAA=',
      `whsec_${btoa('x'.repeat(24))}`,
    ]) {
      expect(problems({ ...deployed, RESEND_WEBHOOK_SECRET: secret })).toBe('')
      expect(verify(secret)).toBe(true)
    }
    for (const secret of [
      'whsec_',
      'whsec_abc',
      'whsec_not base64!',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS',
      'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]) {
      expect(problems({ ...deployed, RESEND_WEBHOOK_SECRET: secret })).toMatch(
        /RESEND_WEBHOOK_SECRET must be the whsec_/,
      )
      if (secret.length > 8) expect(problems({ ...deployed, RESEND_WEBHOOK_SECRET: secret })).not.toContain(secret)
    }
    for (const secret of ['whsec_', 'whsec_abc', 'whsec_not base64!']) expect(verify(secret)).toBe(false)
    // A secret that lost a character in copying still decodes in the SDK, into another key: every
    // webhook would then fail. The config check is stricter for that reason.
    expect(verify('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS')).toBe(true)
  })

  it('requires OPERATOR_NAME and OPERATOR_EMAIL on a public URL only', () => {
    expect(problems({ ...deployed, OPERATOR_NAME: '', OPERATOR_EMAIL: '' })).toMatch(
      /OPERATOR_NAME and OPERATOR_EMAIL must be set/,
    )
    expect(problems({ ...deployed, OPERATOR_EMAIL: 'not an address' })).toMatch(
      /OPERATOR_EMAIL must be an email address/,
    )
    expect(parseConfig(base).operator).toBeNull()
  })

  it('reads ACCESS_TEAM_DOMAIN and ACCESS_AUD together', () => {
    const both = { ...deployed, ACCESS_TEAM_DOMAIN: 'https://MyTeam.cloudflareaccess.com/', ACCESS_AUD: 'aud-tag' }
    expect(parseConfig(both).access).toEqual({ teamDomain: 'myteam.cloudflareaccess.com', aud: 'aud-tag' })
    expect(problems({ ...deployed, ACCESS_AUD: 'aud-tag' })).toMatch(
      /ACCESS_TEAM_DOMAIN and ACCESS_AUD must be set together/,
    )
    expect(problems({ ...both, ACCESS_TEAM_DOMAIN: 'my team/x' })).toMatch(/ACCESS_TEAM_DOMAIN must be a host name/)
  })
})

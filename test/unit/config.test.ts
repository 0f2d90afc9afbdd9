// Configuration is checked once and fails loudly, naming settings but never their values.
import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../src/config'
import type { Env } from '../../src/env'

const base = {
  DB: {} as D1Database,
  PUBLIC_URL: 'https://simkeep.example',
  MAIL_FROM: 'SIMKeep <remind@mail.simkeep.example>',
  SIGNING_SECRET: 's'.repeat(32),
} satisfies Env

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
        ...base,
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
})

// Link tokens: purpose-bound, expiring, tamper-evident; and the expired-vs-broken distinction pages use.
import { describe, expect, it } from 'vitest'
import { signToken, TOKEN_TTL_MS, verifyToken } from '../../src/domain/tokens'
import type { Config } from '../../src/env'
import { checkToken } from '../../src/security/link-token'

const SECRET = 'unit-test-secret-unit-test-secret-0123456789'
const NOW = Date.UTC(2026, 10, 20)

describe('tokens', () => {
  it('verify for their purpose until they expire', async () => {
    const t = await signToken(SECRET, 'confirm', 'card1', NOW, 'nonce1')
    expect(await verifyToken(SECRET, t, 'confirm', NOW + 1000)).toMatchObject({ subject: 'card1', nonce: 'nonce1' })
    expect(await verifyToken(SECRET, t, 'manage', NOW)).toBeNull()
    expect(await verifyToken(SECRET, t, 'confirm', NOW + TOKEN_TTL_MS.confirm + 1000)).toBeNull()
    expect(await verifyToken('another-secret-another-secret-0123456789', t, 'confirm', NOW)).toBeNull()
  })

  it('confirmation links last 7 days and unsubscribe links at least 60', () => {
    expect(TOKEN_TTL_MS.confirm).toBe(7 * 86_400_000)
    expect(TOKEN_TTL_MS.unsubscribe).toBeGreaterThanOrEqual(60 * 86_400_000)
  })

  it('reject a changed subject or nonce', async () => {
    const t = await signToken(SECRET, 'confirm', 'card1', NOW, 'nonce1')
    expect(await verifyToken(SECRET, t.replace('card1', 'card2'), 'confirm', NOW)).toBeNull()
    expect(await verifyToken(SECRET, t.replace('nonce1', 'nonce2'), 'confirm', NOW)).toBeNull()
  })

  it('checkToken tells an expired link from a broken one', async () => {
    const config = { signingSecret: SECRET } as Config
    const t = await signToken(SECRET, 'manage', 'sub1', NOW)
    expect(await checkToken(config, t, 'manage', NOW + TOKEN_TTL_MS.manage + 1)).toEqual({ ok: false, expired: true })
    expect(await checkToken(config, t, 'renewed', NOW)).toEqual({ ok: false, expired: false })
    expect(await checkToken(config, `${t}x`, 'manage', NOW)).toEqual({ ok: false, expired: false })
    expect((await checkToken(config, t, 'manage', NOW)).ok).toBe(true)
  })
})

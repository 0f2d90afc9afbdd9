import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

describe('GET /healthz', () => {
  it('answers 200 JSON', async () => {
    const res = await exports.default.fetch('https://simkeep.test/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })
})

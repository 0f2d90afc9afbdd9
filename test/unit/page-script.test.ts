// The page script runs only because the CSP names its hash: the two must match exactly.
import { describe, expect, it } from 'vitest'
import { PAGE_SCRIPT, PAGE_SCRIPT_HASH } from '../../src/views/page-script'

describe('page script', () => {
  it('is allowed by the hash the CSP carries', async () => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PAGE_SCRIPT))
    const base64 = btoa(String.fromCharCode(...new Uint8Array(digest)))
    expect(PAGE_SCRIPT_HASH).toBe(`'sha256-${base64}'`)
  })
})

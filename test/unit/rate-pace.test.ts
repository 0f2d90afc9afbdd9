// Pacing by Resend's ratelimit-* headers: wait for the end of the window the answers describe, no longer.
import { describe, expect, it } from 'vitest'
import { notePace, type RatePace } from '../../src/mail/send-batches'

const rl = (remaining: number, resetS = 1) => ({ limit: 5, remaining, resetMs: resetS * 1000 })

describe('notePace', () => {
  it('after the last request of a window, waits until the window its first answer opened ends, not a rounded-up second later', () => {
    const pace: RatePace = { waitUntil: 0 }
    notePace(pace, rl(4), 10_000)
    for (const [i, t] of [10_150, 10_300, 10_450].entries()) notePace(pace, rl(3 - i), t)
    expect(pace.waitUntil).toBe(0)
    // The fifth answer says "1 second" (whole seconds); the window began by 10,000 and ends by 11,000.
    notePace(pace, rl(0), 10_600)
    expect(pace.waitUntil).toBe(11_000)
  })

  it('trusts the reset header when it did not see the window open (another client, or an older window)', () => {
    const pace: RatePace = { waitUntil: 0 }
    notePace(pace, rl(4), 10_000)
    notePace(pace, rl(0), 12_300)
    expect(pace.waitUntil).toBe(13_300)
    const fresh: RatePace = { waitUntil: 0 }
    notePace(fresh, rl(0), 5_000)
    expect(fresh.waitUntil).toBe(6_000)
  })

  it('never waits past what the reset header says', () => {
    const pace: RatePace = { waitUntil: 0 }
    notePace(pace, { limit: 5, remaining: 4, resetMs: 60_000 }, 0)
    notePace(pace, rl(0, 1), 500)
    expect(pace.waitUntil).toBe(1_500)
  })

  it('changes nothing without rate headers', () => {
    const pace: RatePace = { waitUntil: 7 }
    notePace(pace, null, 100)
    notePace(pace, { limit: null, remaining: null, resetMs: null }, 100)
    expect(pace).toEqual({ waitUntil: 7 })
  })
})

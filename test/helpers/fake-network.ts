// Installs the fake Resend as the Worker's outbound fetch for https://resend.fake; every other
// URL goes to the real fetch. Our own modules run unchanged: only the network edge is fake.
import { afterEach, vi } from 'vitest'
import { createFakeResend, type FakeResend, type FakeResendOptions } from '../fakes/resend'

export const FAKE_RESEND_ORIGIN = 'https://resend.fake'

/** The fake the current test installed last: where a sent email's body now lives (the outbox drops it). */
export let installedFake: FakeResend | null = null

export function installFakeResend(options: FakeResendOptions = {}): FakeResend {
  const fake = createFakeResend(options)
  installedFake = fake
  const realFetch = globalThis.fetch
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.startsWith(`${FAKE_RESEND_ORIGIN}/`)) return fake.handle(new Request(input, init))
    return realFetch(input, init)
  })
  return fake
}

afterEach(() => {
  installedFake = null
  vi.unstubAllGlobals()
})

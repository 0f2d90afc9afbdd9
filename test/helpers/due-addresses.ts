// Addresses with one card each, all due at one instant: the seed the cron and queue tests share.
import { at } from './cron'
import { insertScheduledCard, insertSubscriber } from './fixtures'

/** When each card was confirmed. */
export const CONFIRMED = at('2027-01-01T00:00:00Z')
/** E−7 at 09:00 HKT for E = 2027-01-31: when every card's reminder falls due. */
export const DUE = at('2027-01-24T01:00:00Z')

/** `n` confirmed addresses, each with one card expiring 2027-01-31 and a 7-day reminder. */
export async function dueSubscribers(n: number, over: { email?: (i: number) => string } = {}) {
  const subs = []
  for (let i = 0; i < n; i++) {
    const s = await insertSubscriber(over.email ? { email: over.email(i) } : {})
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
    subs.push(s)
  }
  return subs
}

/** The first recipient of every email the fake accepted, sorted. */
export const recipients = (fake: { emails: Array<{ to: string[] }> }) => fake.emails.map((e) => e.to[0]).sort()

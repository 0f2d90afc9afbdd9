// Which mailbox an address reaches, for the per-address email caps: the variants people (and abusers)
// write for one inbox count as one.
//
// Decisions:
// - Lower-case the whole address (checkEmail already does; done again so this stands alone).
// - `+tag` is removed from the local part for every domain: most large providers deliver
//   `name+tag@` to `name@`, and over-counting a domain that does not costs a person at most a wait.
// - Dots are removed only for gmail.com and googlemail.com (one mailbox, Google ignores dots there);
//   googlemail.com is counted as gmail.com. Other providers treat dots as significant.

const DOTLESS_DOMAINS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' }

export function normaliseMailbox(email: string): string {
  const lower = email.trim().toLowerCase()
  const at = lower.lastIndexOf('@')
  if (at < 0) return lower
  let local = lower.slice(0, at)
  let domain = lower.slice(at + 1)
  const plus = local.indexOf('+')
  if (plus >= 0) local = local.slice(0, plus)
  const dotless = DOTLESS_DOMAINS[domain]
  if (dotless) {
    local = local.replaceAll('.', '')
    domain = dotless
  }
  return `${local}@${domain}`
}

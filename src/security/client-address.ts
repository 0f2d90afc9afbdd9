// Who a request comes from, for rate limits: the client's IPv4 address, or its IPv6 /64 (one host's
// share: a single customer is usually given a whole /64, so counting single IPv6 addresses counts nothing).

/** The rate-limit bucket for an address as Cloudflare saw it; one shared bucket when it is missing. */
export function clientBucket(headers: Headers): string {
  const raw = (headers.get('cf-connecting-ip') ?? '').trim().toLowerCase().slice(0, 64)
  if (!raw) return 'unknown'
  if (!raw.includes(':')) return raw
  const prefix = ipv6Prefix64(raw)
  return prefix ? `${prefix}::/64` : raw
}

/** The first four 16-bit groups of an IPv6 address, e.g. '2001:db8:0:1'; null if it does not parse. */
export function ipv6Prefix64(address: string): string | null {
  // A zone index (fe80::1%eth0) names an interface, not a host.
  const bare = address.split('%')[0] ?? ''
  const halves = bare.split('::')
  if (halves.length > 2) return null
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  let head = groups(halves[0])
  let tail = groups(halves[1])
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const last = (halves.length === 2 ? tail : head).at(-1) ?? ''
  if (last.includes('.')) {
    const v4 = last.split('.').map(Number)
    if (v4.length !== 4 || v4.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return null
    const [a = 0, b = 0, c = 0, d = 0] = v4
    const pair = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
    if (halves.length === 2) tail = [...tail.slice(0, -1), ...pair]
    else head = [...head.slice(0, -1), ...pair]
  }
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail]
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null
  return all
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')
}

// Rate-limit buckets: an IPv4 address is one client, an IPv6 address counts by its /64.
import { describe, expect, it } from 'vitest'
import { clientBucket, ipv6Prefix64 } from '../../src/security/client-address'

const bucket = (ip: string | null) => clientBucket(new Headers(ip === null ? {} : { 'cf-connecting-ip': ip }))

describe('clientBucket', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(bucket('203.0.113.7')).toBe('203.0.113.7')
    expect(bucket('203.0.113.8')).not.toBe(bucket('203.0.113.7'))
  })

  it('groups IPv6 addresses by /64, however they are written', () => {
    const a = bucket('2001:db8:0:1::1')
    expect(a).toBe('2001:db8:0:1::/64')
    for (const same of ['2001:0DB8:0000:0001:ffff:ffff:ffff:ffff', '2001:db8::1:0:0:0:2', '2001:db8:0:1:a:b:c:d']) {
      expect(bucket(same), same).toBe(a)
    }
    expect(bucket('2001:db8:0:2::1')).not.toBe(a)
    expect(bucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(bucket('::ffff:192.0.2.1')).toBe('0:0:0:0::/64')
  })

  it('one shared bucket when the header is missing; an unparsable value is its own bucket', () => {
    expect(bucket(null)).toBe('unknown')
    expect(bucket('  ')).toBe('unknown')
    expect(bucket('1::2::3')).toBe('1::2::3')
    expect(ipv6Prefix64('1:2:3:4:5:6:7:8:9')).toBeNull()
    expect(ipv6Prefix64('1:2:3:4:5:6:7')).toBeNull()
    expect(ipv6Prefix64('g::1')).toBeNull()
  })
})

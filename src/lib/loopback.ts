// Loopback: this machine only (localhost, 127.0.0.0/8, [::1]); used for the dev mailbox and the config check.

/** The host name without its port: "[::1]:8787" → "[::1]", "localhost:8787" → "localhost". */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  return h.split(':')[0] ?? ''
}

/** True for a host (with or without a port) that names this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host)
  return name === 'localhost' || name === '[::1]' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(name)
}

/** True for an http(s) URL whose host is loopback; false for anything else, unparseable included. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).host)
  } catch {
    return false
  }
}

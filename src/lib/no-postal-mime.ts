// Stands in for postal-mime (wrangler.toml [alias]): the resend SDK imports that parser for its
// inbound-mail helpers, which SIMKeep never calls, and it is ~107 KiB of the Worker. Sending and
// webhook verification do not touch it. If an SDK version ever calls it, the call fails loudly.
export default {
  parse(): Promise<never> {
    return Promise.reject(new Error('postal-mime is not bundled in SIMKeep (wrangler.toml [alias])'))
  },
}

// Types for tests: the main module's exports (exports.default) and the test-only bindings.
type SimkeepEnv = import('../src/env').Env

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index')
  }
  interface Env extends SimkeepEnv {
    TEST_SCHEMA?: string
  }
}

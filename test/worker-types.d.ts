// Types for tests: the main module's exports (exports.default) and the test-only bindings.
type SimkeepEnv = import('../src/env').Env

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index')
  }
  interface Env extends SimkeepEnv {
    /** migrations/, read in Node by readD1Migrations (vitest.config.ts) */
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** schema.sql's text, and an empty D1 to build it in (test/integration/migrations.test.ts) */
    TEST_SCHEMA: string
    SCHEMA_DB: D1Database
    /** an empty D1 to upgrade from an older migration with rows in it (test/integration/migration-0007.test.ts) */
    UPGRADE_DB: D1Database
  }
}

// Vitest config for the benchmark's large runs of the fault-tolerance and fuzz tests: the same
// workerd pool and bindings as vitest.config.ts, plus the sizes (BENCH_FT_*, BENCH_FUZZ_RUNS, BENCH_STORAGE_*).
import { readFileSync } from 'node:fs'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const root = new URL('..', import.meta.url).pathname
const schema = readFileSync(new URL('../schema.sql', import.meta.url), 'utf8')
const migrations = await readD1Migrations(new URL('../migrations', import.meta.url).pathname)

export default defineConfig({
  root,
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        d1Databases: { DB: 'simkeep-test', SCHEMA_DB: 'schema-check' },
        bindings: {
          TEST_MIGRATIONS: migrations,
          TEST_SCHEMA: schema,
          PUBLIC_URL: 'https://simkeep.test',
          MAIL_FROM: 'SIMKeep <remind@mail.simkeep.test>',
          SEND_HOUR: '9',
          RESEND_API_KEY: 're_test_key',
          RESEND_BASE_URL: 'https://resend.fake',
          SIGNING_SECRET: 'test-signing-secret-that-is-at-least-32-bytes-long',
          RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          OPERATOR_NAME: 'SIMKeep test operator',
          OPERATOR_EMAIL: 'operator@simkeep.test',
          BENCH_FT_SUBSCRIBERS: process.env.BENCH_FT_SUBSCRIBERS ?? '2000',
          BENCH_FT_DAYS: process.env.BENCH_FT_DAYS ?? '10',
          BENCH_FUZZ_RUNS: process.env.BENCH_FUZZ_RUNS ?? '10000',
          BENCH_STORAGE_SUBSCRIBERS: process.env.BENCH_STORAGE_SUBSCRIBERS ?? '10000',
          BENCH_STORAGE_DAYS: process.env.BENCH_STORAGE_DAYS ?? '365',
        },
      },
    }),
  ],
  test: {
    include: (process.env.BENCH_VITEST_INCLUDE ?? 'test/integration/fault-tolerance.test.ts').split(','),
    setupFiles: ['./test/helpers/setup.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
  },
})

// Vitest runs every test inside workerd through @cloudflare/vitest-plugin, with a D1 built by
// applying migrations/ (test/helpers/setup.ts) and settings fit for tests (mail goes to a fake
// Resend at the network edge). schema.sql and a second, empty D1 let a test prove the two agree.
import { readFileSync } from 'node:fs'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const schema = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8')
const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname)

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        d1Databases: { DB: 'simkeep-test', SCHEMA_DB: 'schema-check', UPGRADE_DB: 'upgrade-check' },
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
          OPERATOR_NAME: 'Example Operator Ltd',
          OPERATOR_EMAIL: 'privacy@simkeep.test',
        },
      },
    }),
  ],
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/unit/**/*.test.tsx',
      'test/integration/**/*.test.ts',
      'test/integration/**/*.test.tsx',
    ],
    setupFiles: ['./test/helpers/setup.ts'],
    testTimeout: 30_000,
  },
})

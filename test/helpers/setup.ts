// Builds the test D1 from schema.sql before each test file (statements are idempotent).
import { env } from 'cloudflare:workers'
import { beforeAll } from 'vitest'

export function schemaStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
}

beforeAll(async () => {
  const db = env.DB
  const sql = env.TEST_SCHEMA
  if (!sql) throw new Error('TEST_SCHEMA binding missing')
  await db.batch(schemaStatements(sql).map((s) => db.prepare(s)))
})

// migrations/ is how a database gets its schema (wrangler d1 migrations apply, and this suite's
// setup); schema.sql is what a reader opens. Applying every migration to an empty database must give
// exactly schema.sql's schema, and applying them again must change nothing.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { checkConstraints, describeSchema, normalizeSql, sqlStatements } from '../helpers/schema'

describe('migrations', () => {
  it('are numbered NNNN_name.sql, each number once, and the test database has them all, in order', async () => {
    const names = env.TEST_MIGRATIONS.map((m) => m.name)
    expect(names[0]).toBe('0001_initial.sql')
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/)
    const numbers = names.map((n) => Number(n.slice(0, 4)))
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b))
    const applied = await env.DB.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>()
    expect(applied.results.map((r) => r.name)).toEqual(names)
  })

  it('applied to an empty database give exactly the schema of schema.sql', async () => {
    const fromSchema = env.SCHEMA_DB
    await fromSchema.batch(sqlStatements(env.TEST_SCHEMA).map((s) => fromSchema.prepare(s)))
    const expected = await describeSchema(fromSchema)
    const actual = await describeSchema(env.DB)
    expect(Object.keys(actual.tables)).toEqual(Object.keys(expected.tables))
    // Table by table, so a failure names the table (a column added by ALTER TABLE goes last in schema.sql).
    for (const [name, table] of Object.entries(expected.tables))
      expect({ [name]: actual.tables[name] }).toEqual({ [name]: table })
    expect(actual.objects).toEqual(expected.objects)
  })

  it('applied a second time change nothing', async () => {
    const before = await describeSchema(env.DB)
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
    expect(await describeSchema(env.DB)).toEqual(before)
  })
})

describe('schema comparison', () => {
  it('sees through spelling: comments, case, spacing, quotes and IF NOT EXISTS', () => {
    expect(normalizeSql('CREATE INDEX IF NOT EXISTS "i" ON t (a,  b) -- why\n WHERE x = \'A b\'')).toBe(
      normalizeSql("create index i on t(a, b) where x = 'A b'"),
    )
    // …but not through a different string.
    expect(normalizeSql("WHERE x = 'A'")).not.toBe(normalizeSql("WHERE x = 'a'"))
  })

  it('finds every CHECK, wherever it was written, including one ALTER TABLE appended', () => {
    const created = "CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y')), b INTEGER, CHECK (b > (0)))"
    const altered = "CREATE TABLE t (a TEXT CHECK (a IN ('x','y')), b INTEGER, CHECK (b > (0)), c INT CHECK (c = 1))"
    expect(checkConstraints(created)).toEqual(["check(a in('x','y'))", 'check(b >(0))'])
    expect(checkConstraints(altered)).toHaveLength(3)
    expect(checkConstraints(altered)).not.toEqual(checkConstraints(created))
  })
})

// Describes a D1 database's schema in a form that does not depend on how it was reached: the same
// tables, columns, constraints and indexes compare equal whether they came from one CREATE TABLE
// (schema.sql) or from a CREATE TABLE plus later ALTER TABLE … ADD COLUMN (migrations), which
// SQLite stores as different text.

/** Splits a .sql file into statements (no statement here holds a ';' inside a string). */
export function sqlStatements(sql: string): string[] {
  return stripComments(sql)
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '')
}

/** One spelling of a piece of SQL: no comments, one space, no IF NOT EXISTS, lower case outside strings. */
export function normalizeSql(sql: string): string {
  const outsideStrings = (part: string) =>
    part
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/\bif not exists /g, '')
      .replace(/ ?([(),]) ?/g, '$1')
      .replace(/"/g, '')
  return stripComments(sql)
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : outsideStrings(part)))
    .join('')
    .trim()
}

/** Every CHECK (…) expression in a CREATE TABLE, normalised, sorted: where it was written does not matter. */
export function checkConstraints(createTable: string): string[] {
  const sql = normalizeSql(createTable)
  const found: string[] = []
  for (let at = sql.indexOf('check('); at !== -1; at = sql.indexOf('check(', at + 1)) {
    let depth = 0
    let inString = false
    for (let i = at + 5; i < sql.length; i++) {
      const ch = sql[i]
      if (ch === "'") inString = !inString
      if (inString) continue
      if (ch === '(') depth++
      if (ch === ')' && --depth === 0) {
        found.push(sql.slice(at, i + 1))
        break
      }
    }
  }
  return found.sort()
}

const INTERNAL = /^(sqlite_|_cf_|d1_migrations$)/

export interface SchemaDescription {
  tables: Record<
    string,
    {
      columns: unknown[]
      checks: string[]
      foreignKeys: unknown[]
      /** UNIQUE and PRIMARY KEY constraints (SQLite's automatic indexes), by their columns */
      keys: string[]
    }
  >
  /** explicit indexes, triggers and views: their normalised SQL */
  objects: Record<string, string>
}

export async function describeSchema(db: D1Database): Promise<SchemaDescription> {
  const { results } = await db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger', 'view')")
    .all<{ type: string; name: string; sql: string | null }>()
  const out: SchemaDescription = { tables: {}, objects: {} }
  for (const r of results.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (INTERNAL.test(r.name)) continue
    if (r.type !== 'table') {
      // Automatic indexes (sql NULL) are described with their table's keys.
      if (r.sql) out.objects[`${r.type} ${r.name}`] = normalizeSql(r.sql)
      continue
    }
    const pragma = (p: string) => db.prepare(`PRAGMA ${p}("${r.name}")`).all<Record<string, unknown>>()
    const columns = (await pragma('table_info')).results
    const foreignKeys = (await pragma('foreign_key_list')).results.map(({ id: _id, seq: _seq, ...fk }) => fk)
    const keys: string[] = []
    for (const index of (await pragma('index_list')).results) {
      if (index.origin === 'c') continue
      const cols = (await db.prepare(`PRAGMA index_info("${String(index.name)}")`).all<{ name: string }>()).results
      keys.push(`${String(index.origin)} ${index.unique ? 'unique' : ''} (${cols.map((c) => c.name).join(',')})`)
    }
    out.tables[r.name] = { columns, checks: checkConstraints(r.sql ?? ''), foreignKeys, keys: keys.sort() }
  }
  return out
}

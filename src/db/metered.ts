// A D1 binding that counts the calls made through it and the rows they read: one meter per cron run.
//
// Decisions:
// - One call is what D1 bills and limits per invocation (Free: 50): a query (first/run/all/raw) or a
//   whole batch. Rows read come from each result's meta.rows_read, summed over a batch's statements.
// - first() is answered through all(), which D1 does anyway (first() adds no LIMIT), so its rows read
//   are counted too; raw() returns no meta, so it counts as a call with no rows.
// - batch() unwraps the statements back to the binding's own, so D1 sees exactly what it would unmetered.

export interface D1Usage {
  /** D1 calls made: one per query, one per batch */
  calls: number
  /** rows D1 reported reading (meta.rows_read) */
  rowsRead: number
}

export interface MeteredD1 {
  /** use this binding for every call that should count */
  db: D1Database
  usage: D1Usage
}

const inners = new WeakMap<object, D1PreparedStatement>()

function count(usage: D1Usage, results: Array<{ meta?: { rows_read?: number } }>): void {
  usage.calls++
  for (const r of results) usage.rowsRead += r.meta?.rows_read ?? 0
}

function meterStatement(inner: D1PreparedStatement, usage: D1Usage): D1PreparedStatement {
  const statement = {
    bind: (...values: unknown[]) => meterStatement(inner.bind(...values), usage),
    async all() {
      const result = await inner.all()
      count(usage, [result])
      return result
    },
    async run() {
      const result = await inner.run()
      count(usage, [result])
      return result
    },
    async first(column?: string) {
      const { results } = await statement.all()
      const row = (results[0] ?? null) as Record<string, unknown> | null
      return column === undefined || row === null ? row : (row[column] ?? null)
    },
    async raw(options?: { columnNames?: boolean }) {
      usage.calls++
      return inner.raw(options as { columnNames: true })
    },
  }
  inners.set(statement, inner)
  return statement as unknown as D1PreparedStatement
}

/** Wraps `db`; every call through the returned binding adds to `usage`. */
export function meterD1(db: D1Database): MeteredD1 {
  const usage: D1Usage = { calls: 0, rowsRead: 0 }
  const metered = {
    prepare: (query: string) => meterStatement(db.prepare(query), usage),
    async batch(statements: D1PreparedStatement[]) {
      const results = await db.batch(statements.map((s) => inners.get(s) ?? s))
      count(usage, results)
      return results
    },
    async exec(query: string) {
      usage.calls++
      return db.exec(query)
    },
    withSession: () => {
      throw new Error('a metered D1 binding has no sessions')
    },
    dump: () => db.dump(),
  }
  return { db: metered as unknown as D1Database, usage }
}

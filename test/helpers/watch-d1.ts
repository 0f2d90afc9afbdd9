// A D1 binding seen from outside the code under test: a hook before every call (a query, a batch or an
// exec) and one after it with D1's result, for counting calls and rows or killing a run mid-way.
export interface D1Hooks {
  /** runs before each call, which waits for it; throwing here fails the call as a dying database would */
  before?: () => void | Promise<void>
  /** runs with each call's result (an array for a batch) */
  after?: (result: unknown) => void
}

export function watchD1(db: D1Database, hooks: D1Hooks): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>()
  const call = async <R>(run: () => Promise<R>): Promise<R> => {
    await hooks.before?.()
    const result = await run()
    hooks.after?.(result)
    return result
  }
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args))
        if (prop === 'first' || prop === 'run' || prop === 'all' || prop === 'raw') {
          return (...args: unknown[]) =>
            call(() => (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args))
        }
        const v = Reflect.get(target, prop)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    real.set(proxy, stmt)
    return proxy
  }
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql))
      if (prop === 'batch') {
        return (stmts: D1PreparedStatement[]) => call(() => target.batch(stmts.map((s) => real.get(s) ?? s)))
      }
      if (prop === 'exec') return (sql: string) => call(() => target.exec(sql))
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

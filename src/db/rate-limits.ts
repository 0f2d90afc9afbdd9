// Fixed-window counters in D1: the rate-limit fallback where no Workers rate-limit binding exists.
/** Counts one hit for `key` in the window holding `now`; returns the window's count including it. */
export async function hitRateLimit(db: D1Database, key: string, windowMs: number, now: number): Promise<number> {
  const windowStart = now - (now % windowMs)
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
       RETURNING count`,
    )
    .bind(key, windowStart)
    .first<{ count: number }>()
  return row?.count ?? 1
}

/** Drops windows that ended long ago, so the table stays small. */
export async function pruneRateLimits(db: D1Database, before: number): Promise<void> {
  await db.prepare('DELETE FROM rate_limits WHERE window_start < ?1').bind(before).run()
}

/** Counts one hit for each key in its own window, in one D1 batch; returns each window's count. */
export async function hitRateLimits(
  db: D1Database,
  hits: Array<{ key: string; windowMs: number }>,
  now: number,
): Promise<number[]> {
  const results = await db.batch<{ count: number }>(
    hits.map(({ key, windowMs }) =>
      db
        .prepare(
          `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
           ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
           RETURNING count`,
        )
        .bind(key, now - (now % windowMs)),
    ),
  )
  return results.map((r) => r.results[0]?.count ?? 1)
}

// Benchmark helper: D1 meta for the due query with the index (as written) and without it (+0).
interface Env {
  DB: D1Database
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    const t = Number(url.searchParams.get('t'))
    if (!Number.isFinite(t)) return new Response('t?', { status: 400 })
    // `+ 0` hides the column from the planner, so SQLite scans every card: the baseline.
    const scan = await env.DB.prepare('SELECT count(*) AS n FROM cards WHERE next_due_at + 0 <= ?').bind(t).first()
    const scanMeta = await env.DB.prepare('SELECT count(*) AS n FROM cards WHERE next_due_at + 0 <= ?').bind(t).run()
    const indexed = await env.DB.prepare('SELECT count(*) AS n FROM cards WHERE next_due_at <= ?').bind(t).run()
    const total = await env.DB.prepare(
      'SELECT (SELECT count(*) FROM cards) AS cards, (SELECT count(*) FROM subscribers) AS subscribers',
    ).first()
    return Response.json({
      due: (scan as { n: number } | null)?.n ?? null,
      scanRowsRead: scanMeta.meta.rows_read,
      indexedRowsRead: indexed.meta.rows_read,
      total,
    })
  },
} satisfies ExportedHandler<Env>

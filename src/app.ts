// The Hono app: shared middleware, then one router per resource.
import { Hono } from 'hono'
import type { Env } from './env'

export type AppEnv = { Bindings: Env }

export const app = new Hono<AppEnv>()

app.get('/healthz', (c) => c.json({ ok: true }))

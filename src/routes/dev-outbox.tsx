// Routes: dev-outbox (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const devOutboxRoutes = new Hono<AppEnv>()

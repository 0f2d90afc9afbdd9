// Routes: webhooks (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const webhookRoutes = new Hono<AppEnv>()

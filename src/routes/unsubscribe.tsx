// Routes: unsubscribe (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const unsubscribeRoutes = new Hono<AppEnv>()

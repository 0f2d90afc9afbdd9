// Routes: confirm (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const confirmRoutes = new Hono<AppEnv>()

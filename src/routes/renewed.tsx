// Routes: renewed (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const renewedRoutes = new Hono<AppEnv>()

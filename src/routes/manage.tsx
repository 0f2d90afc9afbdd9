// Routes: manage (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const manageRoutes = new Hono<AppEnv>()

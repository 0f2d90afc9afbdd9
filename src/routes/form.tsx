// Routes: form (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const formRoutes = new Hono<AppEnv>()

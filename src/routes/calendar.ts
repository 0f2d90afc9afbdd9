// Routes: calendar (to be built).
import { Hono } from 'hono'
import type { AppEnv } from '../app'

export const calendarRoutes = new Hono<AppEnv>()

// The cron trigger's handler: one scheduler run with controller.scheduledTime as "now".
import type { Env } from '../env'
import { runScheduler } from './run'

export async function scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  await runScheduler(env, { now: controller.scheduledTime })
}

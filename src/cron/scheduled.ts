// The cron trigger's handler: one scheduler run with controller.scheduledTime as "now".
import type { Env } from '../env'

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  void controller
  void env
  void ctx
}

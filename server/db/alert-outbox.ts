import "server-only";
import type { Db } from "./open-database";
import { statement } from "./statements";

export type NotifyStatus = "firing" | "resolved";

/**
 * Queues a firing or resolved notice of one alert for every enabled channel, due at `dueAt`: the
 * notifier sends what is due, with whatever else is queued for the same host and channel, as one message.
 */
export function enqueueNotifications(
  db: Db,
  n: { alertId: number; hostId: number; status: NotifyStatus; now: number; dueAt: number },
): number {
  return statement(
    db,
    `INSERT INTO alert_notifications (channel_id, alert_id, host_id, status, created_at, due_at)
     SELECT id, @alertId, @hostId, @status, @now, @dueAt FROM alert_channels WHERE enabled = 1`,
  ).run(n).changes;
}

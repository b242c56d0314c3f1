import "server-only";
import type { QueuedNotice } from "@/lib/alerts/delivery";
import type { Db } from "./open-database";
import { statement } from "./statements";

export type NotifyStatus = "firing" | "resolved";

/**
 * Queues a firing or resolved notice of one alert for every enabled channel, due at `dueAt`: the
 * notifier sends what is due, with whatever else is queued for the same host and channel, as one message.
 * Alertmanager groups alerts itself (its route's group_wait), so its channels' notices are due at once.
 */
export function enqueueNotifications(
  db: Db,
  n: { alertId: number; hostId: number; status: NotifyStatus; now: number; dueAt: number },
): number {
  return statement(
    db,
    `INSERT INTO alert_notifications (channel_id, alert_id, host_id, status, created_at, due_at)
     SELECT id, @alertId, @hostId, @status, @now, CASE kind WHEN 'alertmanager' THEN @now ELSE @dueAt END
     FROM alert_channels WHERE enabled = 1`,
  ).run(n).changes;
}

interface NoticeRow {
  id: number;
  channel_id: number;
  alert_id: number;
  host_id: number;
  status: NotifyStatus;
  due_at: number;
  attempts: number;
}

/** Every notice not sent and not given up, of enabled channels, oldest first. */
export function queuedNotices(db: Db): QueuedNotice[] {
  const rows = statement(
    db,
    `SELECT n.id, n.channel_id, n.alert_id, n.host_id, n.status, n.due_at, n.attempts FROM alert_notifications n
     JOIN alert_channels c ON c.id = n.channel_id AND c.enabled = 1
     WHERE n.sent_at IS NULL AND n.gave_up_at IS NULL ORDER BY n.id`,
  ).all() as NoticeRow[];
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    alertId: r.alert_id,
    hostId: r.host_id,
    status: r.status,
    dueAt: r.due_at,
    attempts: r.attempts,
  }));
}

export function markSent(db: Db, ids: readonly number[], now: number): void {
  const mark = statement(db, "UPDATE alert_notifications SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?");
  db.transaction(() => ids.forEach((id) => mark.run(now, id)))();
}

/** Records a failed attempt: due again at `retryAt`, or given up when that is null. */
export function markFailed(db: Db, ids: readonly number[], f: { now: number; error: string; retryAt: number | null }): void {
  const mark = statement(
    db,
    `UPDATE alert_notifications SET attempts = attempts + 1, last_error = @error,
       due_at = COALESCE(@retryAt, due_at), gave_up_at = CASE WHEN @retryAt IS NULL THEN @now END WHERE id = @id`,
  );
  db.transaction(() => ids.forEach((id) => mark.run({ ...f, id })))();
}

/** Gives up what a channel has queued (it was disabled: sent later, the notices would be stale). */
export function dropQueued(db: Db, channelId: number, now: number, reason: string): number {
  return statement(
    db,
    "UPDATE alert_notifications SET gave_up_at = ?, last_error = ? WHERE channel_id = ? AND sent_at IS NULL AND gave_up_at IS NULL",
  ).run(now, reason, channelId).changes;
}

/** How many of a channel's notices wait to be sent, and how many were given up. */
export function queueCounts(db: Db, channelId: number): { queued: number; gaveUp: number } {
  return statement(
    db,
    `SELECT COALESCE(SUM(sent_at IS NULL AND gave_up_at IS NULL), 0) AS queued, COALESCE(SUM(gave_up_at IS NOT NULL), 0) AS gaveUp
     FROM alert_notifications WHERE channel_id = ?`,
  ).get(channelId) as { queued: number; gaveUp: number };
}

/** Deletes notices sent or given up before `before`. */
export function pruneNotices(db: Db, before: number): number {
  return statement(db, "DELETE FROM alert_notifications WHERE sent_at < ? OR gave_up_at < ?").run(before, before).changes;
}

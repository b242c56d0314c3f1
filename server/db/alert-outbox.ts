import "server-only";
import type { QueuedNotice } from "@/lib/alerts/delivery";
import type { Db } from "./db";

export type NotifyStatus = "firing" | "resolved";

/**
 * Queues a firing or resolved notice of one alert for every enabled channel, due at `dueAt`: the
 * notifier sends what is due, with whatever else is queued for the same host and channel, as one message.
 * Alertmanager groups alerts itself (its route's group_wait), so its channels' notices are due at once.
 */
export async function enqueueNotifications(
  db: Db,
  n: { alertId: number; hostId: number; status: NotifyStatus; now: number; dueAt: number },
): Promise<number> {
  return db.run(
    `INSERT INTO alert_notifications (channel_id, alert_id, host_id, status, created_at, due_at)
     SELECT id, CAST(@alertId AS BIGINT), CAST(@hostId AS BIGINT), CAST(@status AS TEXT), CAST(@now AS BIGINT),
       CASE kind WHEN 'alertmanager' THEN CAST(@now AS BIGINT) ELSE CAST(@dueAt AS BIGINT) END
     FROM alert_channels WHERE enabled = 1`,
    n,
  );
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
export async function queuedNotices(db: Db): Promise<QueuedNotice[]> {
  const rows = await db.all<NoticeRow>(
    `SELECT n.id, n.channel_id, n.alert_id, n.host_id, n.status, n.due_at, n.attempts FROM alert_notifications n
     JOIN alert_channels c ON c.id = n.channel_id AND c.enabled = 1
     WHERE n.sent_at IS NULL AND n.gave_up_at IS NULL ORDER BY n.id`,
  );
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

export async function markSent(db: Db, ids: readonly number[], now: number): Promise<void> {
  const mark = "UPDATE alert_notifications SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?";
  await db.tx(async (t) => {
    for (const id of ids) await t.run(mark, [now, id]);
  });
}

/** Records a failed attempt: due again at `retryAt`, or given up when that is null. */
export async function markFailed(db: Db, ids: readonly number[], f: { now: number; error: string; retryAt: number | null }): Promise<void> {
  const mark = `UPDATE alert_notifications SET attempts = attempts + 1, last_error = @error,
       due_at = COALESCE(CAST(@retryAt AS BIGINT), due_at), gave_up_at = CASE WHEN @retryAt IS NULL THEN CAST(@now AS BIGINT) END WHERE id = @id`;
  await db.tx(async (t) => {
    for (const id of ids) await t.run(mark, { ...f, id });
  });
}

/** Gives up what a channel has queued (it was disabled: sent later, the notices would be stale). */
export async function dropQueued(db: Db, channelId: number, now: number, reason: string): Promise<number> {
  return db.run(
    "UPDATE alert_notifications SET gave_up_at = ?, last_error = ? WHERE channel_id = ? AND sent_at IS NULL AND gave_up_at IS NULL",
    [now, reason, channelId],
  );
}

/** How many of a channel's notices wait to be sent, and how many were given up. */
export async function queueCounts(db: Db, channelId: number): Promise<{ queued: number; gaveUp: number }> {
  const row = await db.get<{ queued: number; gave_up: number }>(
    `SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND gave_up_at IS NULL THEN 1 ELSE 0 END), 0) AS queued,
       COALESCE(SUM(CASE WHEN gave_up_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS gave_up
     FROM alert_notifications WHERE channel_id = ?`,
    [channelId],
  );
  return { queued: row!.queued, gaveUp: row!.gave_up };
}

/** Deletes notices sent or given up before `before`. */
export async function pruneNotices(db: Db, before: number): Promise<number> {
  return db.run("DELETE FROM alert_notifications WHERE sent_at < ? OR gave_up_at < ?", [before, before]);
}

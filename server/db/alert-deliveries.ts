import "server-only";
import type { DeliveryDto, DeliveryKind } from "@/lib/alerts/delivery";
import type { Db } from "./db";

/** Each channel keeps its latest attempts; older ones are dropped as new ones are written. */
const KEPT_PER_CHANNEL = 1000;

interface DeliveryRow {
  id: number;
  channel_id: number;
  at: number;
  kind: DeliveryKind;
  alerts: number;
  attempt: number;
  ok: number;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
}

const fromRow = (r: DeliveryRow): DeliveryDto => ({
  id: r.id,
  channelId: r.channel_id,
  at: r.at,
  kind: r.kind,
  alerts: r.alerts,
  attempt: r.attempt,
  ok: r.ok === 1,
  httpStatus: r.http_status,
  error: r.error,
  durationMs: r.duration_ms,
});

export type NewDelivery = Omit<DeliveryDto, "id">;

/** Writes one attempt to the log. `error` must hold no secret (the sender scrubs the URL and token from it). */
export async function recordDelivery(db: Db, d: NewDelivery): Promise<DeliveryDto> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO alert_deliveries (channel_id, at, kind, alerts, attempt, ok, http_status, error, duration_ms)
     VALUES (@channelId, @at, @kind, @alerts, @attempt, @ok, @httpStatus, @error, @durationMs) RETURNING id`,
    { ...d, ok: d.ok ? 1 : 0 },
  );
  await db.run(
    `DELETE FROM alert_deliveries WHERE channel_id = @channelId AND id <=
       (SELECT id FROM alert_deliveries WHERE channel_id = @channelId ORDER BY id DESC LIMIT 1 OFFSET @kept)`,
    { channelId: d.channelId, kept: KEPT_PER_CHANNEL },
  );
  return { ...d, id: row!.id };
}

/** A channel's attempts, newest first, `limit` at a time below id `before`. */
export async function listDeliveries(db: Db, channelId: number, o: { limit: number; before?: number }): Promise<DeliveryDto[]> {
  const rows = await db.all<DeliveryRow>("SELECT * FROM alert_deliveries WHERE channel_id = ? AND id < ? ORDER BY id DESC LIMIT ?", [
    channelId,
    o.before ?? Number.MAX_SAFE_INTEGER,
    o.limit,
  ]);
  return rows.map(fromRow);
}

/** The channel's latest failed attempt, if any. */
export async function lastFailedDelivery(db: Db, channelId: number): Promise<DeliveryDto | null> {
  const row = await db.get<DeliveryRow>("SELECT * FROM alert_deliveries WHERE channel_id = ? AND ok = 0 ORDER BY id DESC LIMIT 1", [
    channelId,
  ]);
  return row ? fromRow(row) : null;
}

import "server-only";
import type { DeliveryDto, DeliveryKind } from "@/lib/alerts/delivery";
import type { Db } from "./open-database";
import { statement } from "./statements";

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
export function recordDelivery(db: Db, d: NewDelivery): DeliveryDto {
  const id = Number(
    statement(
      db,
      `INSERT INTO alert_deliveries (channel_id, at, kind, alerts, attempt, ok, http_status, error, duration_ms)
       VALUES (@channelId, @at, @kind, @alerts, @attempt, @ok, @httpStatus, @error, @durationMs)`,
    ).run({ ...d, ok: d.ok ? 1 : 0 }).lastInsertRowid,
  );
  statement(
    db,
    `DELETE FROM alert_deliveries WHERE channel_id = @channelId AND id <=
       (SELECT id FROM alert_deliveries WHERE channel_id = @channelId ORDER BY id DESC LIMIT 1 OFFSET @kept)`,
  ).run({ channelId: d.channelId, kept: KEPT_PER_CHANNEL });
  return { ...d, id };
}

/** A channel's attempts, newest first, `limit` at a time below id `before`. */
export function listDeliveries(db: Db, channelId: number, o: { limit: number; before?: number }): DeliveryDto[] {
  const rows = statement(db, "SELECT * FROM alert_deliveries WHERE channel_id = ? AND id < ? ORDER BY id DESC LIMIT ?").all(
    channelId,
    o.before ?? Number.MAX_SAFE_INTEGER,
    o.limit,
  ) as DeliveryRow[];
  return rows.map(fromRow);
}

/** The channel's latest failed attempt, if any. */
export function lastFailedDelivery(db: Db, channelId: number): DeliveryDto | null {
  const row = statement(db, "SELECT * FROM alert_deliveries WHERE channel_id = ? AND ok = 0 ORDER BY id DESC LIMIT 1").get(channelId) as
    DeliveryRow | undefined;
  return row ? fromRow(row) : null;
}

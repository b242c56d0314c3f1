import "server-only";
import type { Silence, SilenceMatcher } from "@/lib/alerts/silence";
import type { Db } from "./db";

interface SilenceRow {
  id: number;
  matcher: SilenceMatcher;
  value: string;
  starts_at: number;
  ends_at: number;
  created_by: string;
  reason: string;
  created_at: number;
}

const fromRow = (r: SilenceRow): Silence => ({
  id: r.id,
  matcher: r.matcher,
  value: r.value,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdBy: r.created_by,
  reason: r.reason,
  createdAt: r.created_at,
});

/** Silences that have not ended by `now` (in force, or starting later), soonest to end first. */
export async function currentSilences(db: Db, now = Date.now()): Promise<Silence[]> {
  return (await db.all<SilenceRow>("SELECT * FROM alert_silences WHERE ends_at > ? ORDER BY ends_at", [now])).map(fromRow);
}

/** Silences that ended, newest first. */
export async function pastSilences(db: Db, now = Date.now(), limit = 50): Promise<Silence[]> {
  return (await db.all<SilenceRow>("SELECT * FROM alert_silences WHERE ends_at <= ? ORDER BY ends_at DESC LIMIT ?", [now, limit])).map(
    fromRow,
  );
}

export async function getSilence(db: Db, id: number): Promise<Silence | null> {
  const row = await db.get<SilenceRow>("SELECT * FROM alert_silences WHERE id = ?", [id]);
  return row ? fromRow(row) : null;
}

export async function insertSilence(db: Db, s: Omit<Silence, "id">): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO alert_silences (matcher, value, starts_at, ends_at, created_by, reason, created_at)
     VALUES (@matcher, @value, @startsAt, @endsAt, @createdBy, @reason, @createdAt) RETURNING id`,
    s,
  );
  return row!.id;
}

/** Ends a silence now (kept for the record). Returns whether it was still in force or waiting to start. */
export async function endSilence(db: Db, id: number, now = Date.now()): Promise<boolean> {
  return (await db.run("UPDATE alert_silences SET ends_at = ? WHERE id = ? AND ends_at > ?", [now, id, now])) > 0;
}

import "server-only";
import type { Silence, SilenceMatcher } from "@/lib/alerts/silence";
import type { Db } from "./open-database";
import { statement } from "./statements";

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
export function currentSilences(db: Db, now = Date.now()): Silence[] {
  return (statement(db, "SELECT * FROM alert_silences WHERE ends_at > ? ORDER BY ends_at").all(now) as SilenceRow[]).map(fromRow);
}

/** Silences that ended, newest first. */
export function pastSilences(db: Db, now = Date.now(), limit = 50): Silence[] {
  return (db.prepare("SELECT * FROM alert_silences WHERE ends_at <= ? ORDER BY ends_at DESC LIMIT ?").all(now, limit) as SilenceRow[]).map(
    fromRow,
  );
}

export function getSilence(db: Db, id: number): Silence | null {
  const row = db.prepare("SELECT * FROM alert_silences WHERE id = ?").get(id) as SilenceRow | undefined;
  return row ? fromRow(row) : null;
}

export function insertSilence(db: Db, s: Omit<Silence, "id">): number {
  return Number(
    db
      .prepare(
        `INSERT INTO alert_silences (matcher, value, starts_at, ends_at, created_by, reason, created_at)
         VALUES (@matcher, @value, @startsAt, @endsAt, @createdBy, @reason, @createdAt)`,
      )
      .run(s).lastInsertRowid,
  );
}

/** Ends a silence now (kept for the record). Returns whether it was still in force or waiting to start. */
export function endSilence(db: Db, id: number, now = Date.now()): boolean {
  return db.prepare("UPDATE alert_silences SET ends_at = ? WHERE id = ? AND ends_at > ?").run(now, id, now).changes > 0;
}

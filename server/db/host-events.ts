import "server-only";
import type { HostEventDto, SeriesGapDto } from "@/lib/dto";
import { changeText, type HostChange } from "@/lib/host/changes";
import type { Db } from "./open-database";
import { statement } from "./statements";

/** Newest events kept per host besides the age limit, so a host flapping every poll stays bounded. */
export const EVENTS_PER_HOST = 10_000;

export function insertHostEvents(db: Db, hostId: number, at: number, changes: readonly HostChange[]): void {
  const insert = statement(db, "INSERT INTO host_events (host_id, ts, kind, subject, before, after, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const c of changes) insert.run(hostId, at, c.kind, c.subject, c.before, c.after, c.detail ?? null);
}

interface EventRow {
  ts: number;
  kind: HostEventDto["kind"];
  subject: string;
  before: string | null;
  after: string | null;
}

/** A host's events in [from, to], oldest first, at most `limit` (the newest ones). */
export function readHostEvents(db: Db, hostId: number, from: number, to: number, limit = 200): HostEventDto[] {
  const rows = statement(
    db,
    `
    SELECT ts, kind, subject, before, after FROM host_events WHERE host_id = ? AND ts >= ? AND ts <= ?
    ORDER BY ts DESC, id DESC LIMIT ?
  `,
  ).all(hostId, from, to, limit) as EventRow[];
  return rows.reverse().map((r) => ({ at: r.ts, kind: r.kind, text: changeText(r) }));
}

const statusWords = (status: string) => status.replace(/-/g, " ");
const reasonOf = (status: string, message: string | null) => (message ? `${statusWords(status)}: ${message}` : statusWords(status));

/**
 * Why each gap has no samples: the failing status the host entered during it, else its last poll
 * error there, else that the host did not exist yet, else a failing status it was already in when
 * the gap began; null when nothing is recorded (twscope itself was not running, for instance).
 */
export function explainGaps(db: Db, hostId: number, gaps: readonly Omit<SeriesGapDto, "reason">[]): SeriesGapDto[] {
  const entered = statement(
    db,
    `
    SELECT after AS status, detail AS message FROM host_events
    WHERE host_id = ? AND kind = 'status' AND ts > ? AND ts <= ? AND after <> 'ok' ORDER BY ts LIMIT 1`,
  );
  const failed = statement(db, "SELECT status, message FROM poll_errors WHERE host_id = ? AND ts > ? AND ts < ? ORDER BY ts DESC LIMIT 1");
  const before = statement(
    db,
    `
    SELECT after AS status, detail AS message FROM host_events
    WHERE host_id = ? AND kind = 'status' AND ts <= ? ORDER BY ts DESC, id DESC LIMIT 1`,
  );
  const createdAt =
    (statement(db, "SELECT created_at FROM hosts WHERE id = ?").get(hostId) as { created_at: number } | undefined)?.created_at ?? 0;
  return gaps.map((g) => {
    type Found = { status: string; message: string | null } | undefined;
    const found = (entered.get(hostId, g.from, g.to) as Found) ?? (failed.get(hostId, g.from, g.to) as Found);
    if (found) return { ...g, reason: reasonOf(found.status, found.message) };
    if (createdAt > g.from) return { ...g, reason: "before the host was added" };
    const earlier = before.get(hostId, g.from) as Found;
    return { ...g, reason: earlier && earlier.status !== "ok" ? reasonOf(earlier.status, earlier.message) : null };
  });
}

/** Drops events older than `before` and all but the newest `EVENTS_PER_HOST` of each host. */
export function pruneHostEvents(db: Db, before: number, hostIds: readonly number[]): number {
  const old = statement(db, "DELETE FROM host_events WHERE host_id = ? AND ts < ?");
  const excess = statement(
    db,
    `
    DELETE FROM host_events WHERE host_id = ? AND ts < (
      SELECT ts FROM host_events WHERE host_id = ? ORDER BY ts DESC LIMIT 1 OFFSET ?)`,
  );
  let removed = 0;
  for (const id of hostIds) removed += old.run(id, before).changes + excess.run(id, id, EVENTS_PER_HOST - 1).changes;
  return removed;
}

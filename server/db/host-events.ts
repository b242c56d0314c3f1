import "server-only";
import type { GapReason, HostChangeEventDto, SeriesGapDto } from "@/lib/dto";
import type { HostChange } from "@/lib/host/changes";
import type { HostStatus } from "@/lib/types";
import type { Db } from "./db";
import { HOST_SCOPE, runPerHost } from "./host-scopes";

/** Newest events kept per host besides the age limit, so a host flapping every poll stays bounded. */
export const EVENTS_PER_HOST = 10_000;

export async function insertHostEvents(db: Db, hostId: number, at: number, changes: readonly HostChange[]): Promise<void> {
  for (const c of changes) {
    await db.run("INSERT INTO host_events (host_id, ts, kind, subject, before, after, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", [
      hostId,
      at,
      c.kind,
      c.subject,
      c.before,
      c.after,
      c.detail ?? null,
    ]);
  }
}

interface EventRow {
  ts: number;
  kind: HostChangeEventDto["kind"];
  subject: string;
  before: string | null;
  after: string | null;
}

/** A host's events in [from, to], oldest first, at most `limit` (the newest ones). */
export async function readHostEvents(db: Db, hostId: number, from: number, to: number, limit = 200): Promise<HostChangeEventDto[]> {
  const rows = await db.all<EventRow>(
    `
    SELECT ts, kind, subject, before, after FROM host_events WHERE host_id = ? AND ts >= ? AND ts <= ?
    ORDER BY ts DESC, id DESC LIMIT ?
  `,
    [hostId, from, to, limit],
  );
  return rows.reverse().map((r) => ({ at: r.ts, kind: r.kind, subject: r.subject, before: r.before, after: r.after }));
}

const reasonOf = (found: StatusFound): GapReason => ({ status: found.status, message: found.message });

/**
 * Why each gap has no samples: the failing status the host entered during it, else its last poll
 * error there, else that the host did not exist yet, else a failing status it was already in when
 * the gap began; null when nothing is recorded (twscope itself was not running, for instance).
 */
type StatusFound = { status: HostStatus; message: string | null };

const ENTERED = `
  SELECT after AS status, detail AS message FROM host_events
  WHERE host_id = ? AND kind = 'status' AND ts > ? AND ts <= ? AND after <> 'ok' ORDER BY ts LIMIT 1`;
const FAILED = "SELECT status, message FROM poll_errors WHERE host_id = ? AND ts > ? AND ts < ? ORDER BY ts DESC LIMIT 1";
const BEFORE = `
  SELECT after AS status, detail AS message FROM host_events
  WHERE host_id = ? AND kind = 'status' AND ts <= ? ORDER BY ts DESC, id DESC LIMIT 1`;

export async function explainGaps(db: Db, hostId: number, gaps: readonly Omit<SeriesGapDto, "reason">[]): Promise<SeriesGapDto[]> {
  const createdAt = (await db.get<{ created_at: number }>("SELECT created_at FROM hosts WHERE id = ?", [hostId]))?.created_at ?? 0;
  const explained: SeriesGapDto[] = [];
  for (const g of gaps) {
    const found =
      (await db.get<StatusFound>(ENTERED, [hostId, g.from, g.to])) ?? (await db.get<StatusFound>(FAILED, [hostId, g.from, g.to]));
    if (found) explained.push({ ...g, reason: reasonOf(found) });
    else if (createdAt > g.from) explained.push({ ...g, reason: { beforeAdded: true } });
    else {
      const earlier = await db.get<StatusFound>(BEFORE, [hostId, g.from]);
      explained.push({ ...g, reason: earlier && earlier.status !== "ok" ? reasonOf(earlier) : null });
    }
  }
  return explained;
}

/** On PostgreSQL, the whole fleet at once: every host's newest EVENTS_PER_HOST-th event is where its kept events start. */
const DELETE_EXCESS_OF_EVERY_HOST = `
  DELETE FROM host_events e USING (
    SELECT host_id, ts AS keep_from FROM (
      SELECT host_id, ts, ROW_NUMBER() OVER (PARTITION BY host_id ORDER BY ts DESC) AS r FROM host_events
    ) AS ranked WHERE r = ?
  ) AS k WHERE e.host_id = k.host_id AND e.ts < k.keep_from`;

/** On SQLite, one host at a time. */
const DELETE_EXCESS_OF_ONE_HOST = `
  DELETE FROM host_events WHERE host_id = ? AND ts < (
    SELECT ts FROM host_events WHERE host_id = ? ORDER BY ts DESC LIMIT 1 OFFSET ?)`;

/** Drops events older than `before` and all but the newest `EVENTS_PER_HOST` of each host. */
export async function pruneHostEvents(db: Db, before: number, hostIds: readonly number[]): Promise<number> {
  let removed = await runPerHost(db, hostIds, `DELETE FROM host_events WHERE ${HOST_SCOPE} ts < ?`, [before]);
  if (db.engine === "postgres") return removed + (await db.run(DELETE_EXCESS_OF_EVERY_HOST, [EVENTS_PER_HOST]));
  for (const id of hostIds) removed += await db.run(DELETE_EXCESS_OF_ONE_HOST, [id, id, EVENTS_PER_HOST - 1]);
  return removed;
}

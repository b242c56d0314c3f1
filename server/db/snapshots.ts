import "server-only";
import type { SnapshotMeta } from "@/lib/snapshot/types";
import { purgeDeleted, type Db } from "./open-database";

export interface SnapshotRecord extends SnapshotMeta {
  id: number;
  hostId: number | null;
  creatorId: number | null;
  revokedAt: number | null;
}

export interface SnapshotWrite extends SnapshotMeta {
  tokenHash: string;
  hostId: number | null;
  creatorId: number | null;
  payload: string;
}

interface SnapshotRow {
  id: number;
  kind: SnapshotMeta["kind"];
  title: string;
  host_id: number | null;
  creator_id: number | null;
  creator_name: string;
  redacted: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

const META = "id, kind, title, host_id, creator_id, creator_name, redacted, created_at, expires_at, revoked_at";

const fromRow = (r: SnapshotRow): SnapshotRecord => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  hostId: r.host_id,
  creatorId: r.creator_id,
  creatorName: r.creator_name,
  redacted: r.redacted === 1,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export function insertSnapshot(db: Db, w: SnapshotWrite): number {
  const result = db
    .prepare(
      `
    INSERT INTO snapshots (token_hash, kind, title, host_id, creator_id, creator_name, redacted, created_at, expires_at, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  `,
    )
    .run(w.tokenHash, w.kind, w.title, w.hostId, w.creatorId, w.creatorName, w.redacted ? 1 : 0, w.createdAt, w.expiresAt, w.payload);
  return Number(result.lastInsertRowid);
}

/**
 * One lookup through the unique index on the hash, whatever the token: the payload comes along
 * only while the snapshot is live (not revoked, not expired at `now`).
 */
export function findSnapshotByHash(db: Db, tokenHash: string, now: number): (SnapshotRecord & { payload: string | null }) | null {
  const row = db
    .prepare(
      `
    SELECT ${META}, CASE WHEN revoked_at IS NULL AND expires_at > ? THEN payload END AS payload
    FROM snapshots WHERE token_hash = ?
  `,
    )
    .get(now, tokenHash) as (SnapshotRow & { payload: string | null }) | undefined;
  return row ? { ...fromRow(row), payload: row.payload } : null;
}

/** Whether a share link is live, expired or unknown (revoked counts as unknown), without reading its payload. */
export function snapshotStateByHash(db: Db, tokenHash: string, now: number): "live" | "expired" | "unknown" {
  const row = db.prepare("SELECT expires_at, revoked_at FROM snapshots WHERE token_hash = ?").get(tokenHash) as
    { expires_at: number; revoked_at: number | null } | undefined;
  if (!row || row.revoked_at !== null) return "unknown";
  return row.expires_at <= now ? "expired" : "live";
}

export function getSnapshot(db: Db, id: number): SnapshotRecord | null {
  const row = db.prepare(`SELECT ${META} FROM snapshots WHERE id = ?`).get(id) as SnapshotRow | undefined;
  return row ? fromRow(row) : null;
}

/** Newest first; `owner` null lists everyone's. */
export function listSnapshots(db: Db, owner: { creatorId: number | null; creatorName: string } | null): SnapshotRecord[] {
  if (!owner) return (db.prepare(`SELECT ${META} FROM snapshots ORDER BY created_at DESC, id DESC`).all() as SnapshotRow[]).map(fromRow);
  const rows =
    owner.creatorId !== null
      ? db.prepare(`SELECT ${META} FROM snapshots WHERE creator_id = ? ORDER BY created_at DESC, id DESC`).all(owner.creatorId)
      : db
          .prepare(`SELECT ${META} FROM snapshots WHERE creator_id IS NULL AND creator_name = ? ORDER BY created_at DESC, id DESC`)
          .all(owner.creatorName);
  return (rows as SnapshotRow[]).map(fromRow);
}

export function countLiveSnapshots(db: Db, creatorName: string, now: number): number {
  return (
    db
      .prepare("SELECT COUNT(*) AS n FROM snapshots WHERE creator_name = ? AND revoked_at IS NULL AND expires_at > ?")
      .get(creatorName, now) as { n: number }
  ).n;
}

/** Revoking also drops the frozen data: nothing will ever serve it again. */
export function markSnapshotRevoked(db: Db, id: number, now: number): void {
  db.prepare("UPDATE snapshots SET revoked_at = ?, payload = '{}' WHERE id = ? AND revoked_at IS NULL").run(now, id);
  purgeDeleted(db);
}

const SNAPSHOT_GRACE_MS = 30 * 86_400_000;

/**
 * Deletes snapshots expired or revoked more than `graceMs` ago (they stay listed as such until
 * then). For the retention loop; returns how many went.
 */
export function deleteStaleSnapshots(db: Db, now = Date.now(), graceMs = SNAPSHOT_GRACE_MS): number {
  const before = now - graceMs;
  const gone = db.prepare("DELETE FROM snapshots WHERE expires_at < ? OR revoked_at < ?").run(before, before).changes;
  if (gone > 0) purgeDeleted(db);
  return gone;
}

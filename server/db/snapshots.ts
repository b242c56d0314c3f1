import "server-only";
import type { SnapshotMeta } from "@/lib/snapshot/types";
import type { Db } from "./db";

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

export async function insertSnapshot(db: Db, w: SnapshotWrite): Promise<number> {
  const row = await db.get<{ id: number }>(
    `
    INSERT INTO snapshots (token_hash, kind, title, host_id, creator_id, creator_name, redacted, created_at, expires_at, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
  `,
    [w.tokenHash, w.kind, w.title, w.hostId, w.creatorId, w.creatorName, w.redacted ? 1 : 0, w.createdAt, w.expiresAt, w.payload],
  );
  return row!.id;
}

export async function findSnapshotByHash(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<(SnapshotRecord & { payload: string | null }) | null> {
  const row = await db.get<SnapshotRow & { payload: string | null }>(
    `
    SELECT ${META}, CASE WHEN revoked_at IS NULL AND expires_at > ? THEN payload END AS payload
    FROM snapshots WHERE token_hash = ?
  `,
    [now, tokenHash],
  );
  return row ? { ...fromRow(row), payload: row.payload } : null;
}

export async function snapshotStateByHash(db: Db, tokenHash: string, now: number): Promise<"live" | "expired" | "unknown"> {
  const row = await db.get<{ expires_at: number; revoked_at: number | null }>(
    "SELECT expires_at, revoked_at FROM snapshots WHERE token_hash = ?",
    [tokenHash],
  );
  if (!row || row.revoked_at !== null) return "unknown";
  return row.expires_at <= now ? "expired" : "live";
}

export async function getSnapshot(db: Db, id: number): Promise<SnapshotRecord | null> {
  const row = await db.get<SnapshotRow>(`SELECT ${META} FROM snapshots WHERE id = ?`, [id]);
  return row ? fromRow(row) : null;
}

export async function listSnapshots(db: Db, owner: { creatorId: number | null; creatorName: string } | null): Promise<SnapshotRecord[]> {
  const order = "ORDER BY created_at DESC, id DESC";
  const rows = !owner
    ? await db.all<SnapshotRow>(`SELECT ${META} FROM snapshots ${order}`)
    : owner.creatorId !== null
      ? await db.all<SnapshotRow>(`SELECT ${META} FROM snapshots WHERE creator_id = ? ${order}`, [owner.creatorId])
      : await db.all<SnapshotRow>(`SELECT ${META} FROM snapshots WHERE creator_id IS NULL AND creator_name = ? ${order}`, [
          owner.creatorName,
        ]);
  return rows.map(fromRow);
}

export async function countLiveSnapshots(db: Db, creatorName: string, now: number): Promise<number> {
  return (await db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM snapshots WHERE creator_name = ? AND revoked_at IS NULL AND expires_at > ?",
    [creatorName, now],
  ))!.n;
}

export async function markSnapshotRevoked(db: Db, id: number, now: number): Promise<void> {
  await db.run("UPDATE snapshots SET revoked_at = ?, payload = '{}' WHERE id = ? AND revoked_at IS NULL", [now, id]);
  await db.purgeDeleted();
}

const SNAPSHOT_GRACE_MS = 30 * 86_400_000;

/**
 * Deletes snapshots expired or revoked more than `graceMs` ago (they stay listed as such until
 * then). For the retention loop; returns how many went.
 */
export async function deleteStaleSnapshots(db: Db, now = Date.now(), graceMs = SNAPSHOT_GRACE_MS): Promise<number> {
  const before = now - graceMs;
  const gone = await db.run("DELETE FROM snapshots WHERE expires_at < ? OR revoked_at < ?", [before, before]);
  if (gone > 0) await db.purgeDeleted();
  return gone;
}

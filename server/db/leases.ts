import "server-only";
import type { Db } from "./db";

const BATCH = 500;

/**
 * Takes or renews the leases of `hostIds` for `collectorId` until `expiresAt`: a host whose lease another
 * collector holds is taken only once that lease has expired. One statement per batch, atomic on both engines,
 * so two collectors claiming the same host cannot both get it. Returns the hosts `collectorId` holds now.
 */
export async function claimLeases(
  db: Db,
  collectorId: string,
  hostIds: readonly number[],
  now: number,
  expiresAt: number,
): Promise<number[]> {
  const held: number[] = [];
  for (let i = 0; i < hostIds.length; i += BATCH) {
    const batch = hostIds.slice(i, i + BATCH);
    const rows = await db.all<{ host_id: number }>(
      `INSERT INTO host_leases (host_id, collector_id, acquired_at, expires_at)
       VALUES ${batch.map(() => "(?, ?, ?, ?)").join(", ")}
       ON CONFLICT (host_id) DO UPDATE SET
         acquired_at = CASE WHEN host_leases.collector_id = excluded.collector_id THEN host_leases.acquired_at ELSE excluded.acquired_at END,
         collector_id = excluded.collector_id, expires_at = excluded.expires_at
       WHERE host_leases.collector_id = excluded.collector_id OR host_leases.expires_at < ?
       RETURNING host_id`,
      [...batch.flatMap((id) => [id, collectorId, now, expiresAt]), now],
    );
    held.push(...rows.map((r) => r.host_id));
  }
  return held;
}

/** Gives up `collectorId`'s leases on `hostIds` (all of them when omitted), so another collector takes them at once. */
export async function releaseLeases(db: Db, collectorId: string, hostIds?: readonly number[]): Promise<void> {
  if (!hostIds) {
    await db.run("DELETE FROM host_leases WHERE collector_id = ?", [collectorId]);
    return;
  }
  for (let i = 0; i < hostIds.length; i += BATCH) {
    const batch = hostIds.slice(i, i + BATCH);
    await db.run(`DELETE FROM host_leases WHERE collector_id = ? AND host_id IN (${batch.map(() => "?").join(", ")})`, [
      collectorId,
      ...batch,
    ]);
  }
}

/** The hosts `collectorId` holds a lease on, expired or not. */
export async function leasesOf(db: Db, collectorId: string): Promise<number[]> {
  return (await db.all<{ host_id: number }>("SELECT host_id FROM host_leases WHERE collector_id = ?", [collectorId])).map((r) => r.host_id);
}

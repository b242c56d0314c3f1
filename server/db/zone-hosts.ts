import "server-only";
import type { Db } from "./db";

/** The polled hosts (not pasted bundles) of a zone; `null` is the hosts without a zone. */
export async function hostIdsOfZone(db: Db, zone: string | null): Promise<number[]> {
  const rows =
    zone === null
      ? await db.all<{ id: number }>("SELECT id FROM hosts WHERE transport <> 'bundle' AND zone IS NULL ORDER BY id")
      : await db.all<{ id: number }>("SELECT id FROM hosts WHERE transport <> 'bundle' AND zone = ? ORDER BY id", [zone]);
  return rows.map((r) => r.id);
}

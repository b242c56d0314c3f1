import "server-only";
import type { Db } from "./db";

/**
 * A number that moves whenever a host is added, removed, or has its connection settings, tags, pinned key
 * or stored secret changed, by any process (triggers keep it): a poller reads its host list again only then.
 */
export async function hostsVersion(db: Db): Promise<number> {
  return (await db.get<{ version: number }>("SELECT version FROM change_markers WHERE name = 'hosts'"))?.version ?? 0;
}

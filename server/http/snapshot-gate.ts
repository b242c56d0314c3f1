import "server-only";
import { currentContext } from "../context-slot";
import { SharedRateLimiter } from "../auth/rate-limit";
import { clientKey } from "../auth/client-address";
import { hashToken } from "../auth/tokens";
import type { Db } from "../db/db";
import { snapshotStateByHash } from "../db/snapshots";

export type SnapshotState = "live" | "expired" | "unknown";

/** Share-link requests per client: 60 a minute, pages (checked by the proxy) and the JSON route counted together. */
const SHARE_LINK_REQUESTS = new SharedRateLimiter("share-link", 60, 60_000);

/**
 * Counts a share-link request of this client against the limit every process of the database shares:
 * the seconds to wait, or 0. One statement. Rejects when the database cannot be reached.
 */
export async function snapshotRateLimit(db: Db, req: { headers: Headers }, now = Date.now()): Promise<number> {
  return SHARE_LINK_REQUESTS.hit(db, clientKey(req), now);
}

/** The database the running collector opened, for the proxy (route handlers get theirs from the context); null before and after. */
export function collectorDb(): Db | null {
  const db = currentContext()?.db;
  return db?.open ? db : null;
}

/**
 * The state of a share link for the proxy, which turns it into 200, 410 or 404 before the page
 * renders. One indexed lookup by the token's hash whatever the token looks like, so an unknown, a
 * revoked and an expired link cost the same.
 */
export async function snapshotState(token: string, now = Date.now(), db = collectorDb()): Promise<SnapshotState | null> {
  if (!db) return null;
  return snapshotStateByHash(db, hashToken(token), now);
}

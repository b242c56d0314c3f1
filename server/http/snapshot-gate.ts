import "server-only";
import { currentContext } from "../context-slot";
import { RateLimiter } from "../auth/rate-limit";
import { clientKey } from "../auth/client-address";
import { hashToken } from "../auth/tokens";
import { snapshotStateByHash } from "../db/snapshots";

export type SnapshotState = "live" | "expired" | "unknown";

const holder = globalThis as typeof globalThis & { __twscopeSnapshotLimiter?: RateLimiter };

/**
 * Share-link requests allowed per client: 60 a minute, pages (checked by the proxy) and the JSON
 * route counted together in one process-wide limiter. Seconds to wait, or 0.
 */
export function snapshotRateLimit(req: { headers: Headers }, now = Date.now()): number {
  holder.__twscopeSnapshotLimiter ??= new RateLimiter(60, 60_000);
  return holder.__twscopeSnapshotLimiter.hit(clientKey(req), now);
}

/**
 * The state of a share link for the proxy, which turns it into 200, 410 or 404 before the page
 * renders. One indexed lookup by the token's hash whatever the token looks like, so an unknown, a
 * revoked and an expired link cost the same. It reads the database the running collector opened.
 */
export async function snapshotState(token: string, now = Date.now()): Promise<SnapshotState | null> {
  const db = currentContext()?.db;
  if (!db?.open) return null;
  return snapshotStateByHash(db, hashToken(token), now);
}

import "server-only";
import { z } from "zod";
import { clientKey } from "../auth/client-address";
import { RateLimiter } from "../auth/rate-limit";
import { hashToken } from "../auth/tokens";
import type { AppContext } from "../context";
import { touchMetricsToken } from "../db/metrics-tokens";
import { errors } from "../errors";
import type { Db } from "../db/open-database";

/** `Bearer <token>` (the scheme in any case, RFC 7235); tokens are base64url, so anything else is no token. */
const bearer = z.string().regex(/^bearer +[A-Za-z0-9_-]{1,256}$/i);

const FAILURES_PER_MINUTE = 60;
/** `last_used_at` is written at most this often per token, not on every scrape. */
const TOUCH_AFTER_MS = 60_000;
const failures = new WeakMap<Db, RateLimiter>();

function failuresOf(db: Db): RateLimiter {
  let limiter = failures.get(db);
  if (!limiter) failures.set(db, (limiter = new RateLimiter(FAILURES_PER_MINUTE, 60_000)));
  return limiter;
}

/**
 * The scrape token of `Authorization: Bearer …`, found by its hash (one indexed lookup, no string
 * comparison of secrets). Missing, malformed and unknown tokens are all 401; a client past
 * FAILURES_PER_MINUTE of them gets 429 until the minute is over. A valid token is never refused,
 * so a second, misconfigured job on the same Prometheus does not stop the good one.
 */
export async function authorizeScrape({ db }: AppContext, req: Request, now = Date.now()): Promise<{ id: number; name: string }> {
  const header = bearer.safeParse(req.headers.get("authorization") ?? "");
  const token = header.success ? await touchMetricsToken(db, hashToken(header.data.split(/ +/)[1]!), now, TOUCH_AFTER_MS) : null;
  if (token) return token;
  const wait = failuresOf(db).hit(clientKey(req), now);
  if (wait > 0) throw errors.rateLimited("too many scrapes without a valid metrics token", wait);
  throw errors.noMetricsToken();
}

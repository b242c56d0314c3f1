import "server-only";
import { z } from "zod";
import { clientKey } from "../auth/client-address";
import { SharedRateLimiter } from "../auth/rate-limit";
import { hashToken } from "../auth/tokens";
import type { AppContext } from "../context";
import { touchMetricsToken } from "../db/metrics-tokens";
import { errors } from "../errors";
import { msg } from "@/lib/i18n/message";

/** `Bearer <token>` (the scheme in any case, RFC 7235); tokens are base64url, so anything else is no token. */
const bearer = z.string().regex(/^bearer +[A-Za-z0-9_-]{1,256}$/i);

/** Scrapes without a valid token per client and minute, over every process of the database. */
const FAILURES = new SharedRateLimiter("scrape-failure", 60, 60_000);
/** `last_used_at` is written at most this often per token, not on every scrape. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The scrape token of `Authorization: Bearer …`, found by its hash (one indexed lookup, no string
 * comparison of secrets). Missing, malformed and unknown tokens are all 401; a client past
 * 60 of them a minute gets 429 until the minute is over. A valid token is never refused,
 * so a second, misconfigured job on the same Prometheus does not stop the good one.
 */
export async function authorizeScrape({ db }: AppContext, req: Request, now = Date.now()): Promise<{ id: number; name: string }> {
  const header = bearer.safeParse(req.headers.get("authorization") ?? "");
  const token = header.success ? await touchMetricsToken(db, hashToken(header.data.split(/ +/)[1]!), now, TOUCH_AFTER_MS) : null;
  if (token) return token;
  const wait = await FAILURES.hit(db, clientKey(req), now);
  if (wait > 0) throw errors.rateLimited(msg("errors.tooManyScrapes"), wait);
  throw errors.noMetricsToken();
}

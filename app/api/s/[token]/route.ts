import { NextResponse } from "next/server";
import { handle } from "@/server/http/handle";
import { openSnapshot, SNAPSHOT_HEADERS, snapshotRateWait } from "@/server/services/snapshots";

export const dynamic = "force-dynamic";

type TokenContext = { params: Promise<{ token: string }> };

const answer = (body: unknown, status: number, extra: Record<string, string> = {}) =>
  NextResponse.json(body, { status, headers: { ...SNAPSHOT_HEADERS, ...extra } });

/** The frozen data behind a share link, for anyone holding it: 200, 410 when expired, 404 when unknown or revoked. */
export const GET = handle("public", async (req, ctx: TokenContext) => {
  const wait = snapshotRateWait(req);
  if (wait > 0) return answer({ error: { code: "rate_limited", message: `too many requests; try again in ${wait} s` } }, 429, { "Retry-After": String(wait) });
  const opened = openSnapshot((await ctx.params).token);
  if (opened.status === "live") return answer(opened.snapshot, 200);
  if (opened.status === "expired") {
    return answer({ error: { code: "expired", message: `this snapshot expired on ${new Date(opened.expiresAt).toISOString()}` } }, 410);
  }
  return answer({ error: { code: "not_found", message: "no such snapshot" } }, 404);
});

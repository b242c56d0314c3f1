import { snapshotRateLimit } from "@/server/http/snapshot-gate";
import { errorResponse } from "@/server/http/error-response";
import { handle } from "@/server/http/handle";
import { SNAPSHOT_HEADERS } from "@/server/http/security-headers";
import { openSnapshot } from "@/server/services/snapshots";
import { errors } from "@/server/errors";
import { localeOf } from "@/server/i18n/locale";
import { msg } from "@/lib/i18n/message";

export const dynamic = "force-dynamic";

type TokenContext = { params: Promise<{ token: string }> };

/** The frozen data behind a share link, for anyone holding it: 200, 410 when expired, 404 when unknown or revoked. */
export const GET = handle<"public", TokenContext>("public", async ({ req, ctx, who, route }) => {
  const wait = await snapshotRateLimit(ctx.db, req);
  if (wait > 0) return errorResponse(errors.rateLimited(msg("errors.tooManyRequests"), wait), SNAPSHOT_HEADERS, localeOf(req, who));
  const opened = await openSnapshot(ctx, (await route.params).token);
  if (opened.status === "live") return Response.json(opened.snapshot, { headers: SNAPSHOT_HEADERS });
  const error =
    opened.status === "expired"
      ? errors.expired(msg("errors.snapshotExpired", { date: new Date(opened.expiresAt).toISOString() }))
      : errors.noSuchSnapshot();
  return errorResponse(error, SNAPSHOT_HEADERS, localeOf(req, who));
});

import { handle } from "@/server/http/handle";
import { scrapeResponse } from "@/server/metrics/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrapes here with a token from the Prometheus page (`Authorization: Bearer …`), not a session. */
export const GET = handle("public", ({ req, ctx }) => scrapeResponse(ctx, req));

import { breakdownQuerySchema } from "@/lib/series/breakdown-series";
import { handle, idParam, type IdContext } from "@/server/http/handle";
import { hostBreakdownSeries } from "@/server/services/hosts/breakdown-series";

export const dynamic = "force-dynamic";

export const GET = handle<"viewer", IdContext>("viewer", async ({ req, ctx, route }) => {
  const { range, kind } = breakdownQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return hostBreakdownSeries(ctx, await idParam(route), range, kind);
});

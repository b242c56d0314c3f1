import { breakdownQuerySchema } from "@/lib/series/breakdown-series";
import { handle, idParam, type IdContext } from "@/server/http/handle";
import { hostBreakdownSeries } from "@/server/services/hosts/breakdown-series";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", async (req, ctx: IdContext) => {
  const { range, kind } = breakdownQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return hostBreakdownSeries(await idParam(ctx), range, kind);
});

import { seriesQuerySchema } from "@/lib/schemas";
import { handle, idParam, type IdContext } from "@/server/http/handle";
import { hostSeries } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", async (req, ctx: IdContext) => {
  const { range } = seriesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return hostSeries(await idParam(ctx), range);
});

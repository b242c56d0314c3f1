import { seriesQuerySchema } from "@/lib/schemas";
import { handle, idParam, type IdContext } from "@/server/http/handle";
import { hostSeries } from "@/server/services/hosts/series";

export const dynamic = "force-dynamic";

export const GET = handle<"viewer", IdContext>("viewer", async ({ req, ctx, route }) => {
  const { range } = seriesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return hostSeries(ctx, await idParam(route), range);
});

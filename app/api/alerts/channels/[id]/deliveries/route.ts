import { deliveryQuerySchema } from "@/lib/alerts/schemas";
import { handle, idParam, type IdContext } from "@/server/http/handle";
import { channelDeliveries } from "@/server/services/alerts/channels";

export const dynamic = "force-dynamic";

export const GET = handle<"admin", IdContext>("admin", async ({ req, ctx, route }) => {
  const query = deliveryQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return channelDeliveries(ctx, await idParam(route, "alert channel"), query);
});

import { handle, idParam, type IdContext } from "@/server/http/handle";
import { revokeMetricsToken } from "@/server/services/metrics-tokens";

export const dynamic = "force-dynamic";

export const DELETE = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => {
  await revokeMetricsToken(ctx, await idParam(route, "metrics token"), who);
});

import { handle, idParam, type IdContext } from "@/server/http/handle";
import { testChannel } from "@/server/services/alerts/channels";

export const dynamic = "force-dynamic";

/** Sends a test alert now: `{delivery}` says whether the channel took it (`ok`, `httpStatus`, `error`). */
export const POST = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => ({
  delivery: await testChannel(ctx, await idParam(route, "alert channel"), who.name),
}));

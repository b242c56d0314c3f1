import { handle, idParam, type IdContext } from "@/server/http/handle";
import { expireSilence } from "@/server/services/alerts/silences";

export const dynamic = "force-dynamic";

/** Ends the silence now (it stays in the list of past silences). */
export const DELETE = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => {
  await expireSilence(ctx, await idParam(route, "silence"), who.name);
});

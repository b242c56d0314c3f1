import { handle, idParam, type IdContext } from "@/server/http/handle";
import { revokeSnapshot } from "@/server/services/snapshots";

export const dynamic = "force-dynamic";

export const DELETE = handle<"viewer", IdContext>("viewer", async ({ ctx, who, route }) => {
  await revokeSnapshot(ctx, await idParam(route, "snapshot"), who);
});

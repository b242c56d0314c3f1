import { channelUpdateSchema } from "@/lib/alerts/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { deleteChannel, getChannelDetail, updateChannel } from "@/server/services/alerts/channels";

export const dynamic = "force-dynamic";

export const GET = handle<"admin", IdContext>(
  "admin",
  async ({ ctx, route }) => await getChannelDetail(ctx, await idParam(route, "alert channel")),
);

export const PATCH = handle<"admin", IdContext>(
  "admin",
  async ({ req, ctx, who, route }) =>
    await updateChannel(ctx, await idParam(route, "alert channel"), await readJson(req, channelUpdateSchema, 16 * 1024), who.name),
);

export const DELETE = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => {
  await deleteChannel(ctx, await idParam(route, "alert channel"), who.name);
});

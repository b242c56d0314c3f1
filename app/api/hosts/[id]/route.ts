import { hostUpdateSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { removeHost, updateHost } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const GET = handle<"viewer", IdContext>("viewer", async ({ ctx, route }) => getHostDetail(ctx, await idParam(route)));

export const PATCH = handle<"admin", IdContext>(
  "admin",
  async ({ req, ctx, who, route }) => await updateHost(ctx, await idParam(route), await readJson(req, hostUpdateSchema), who.name),
);

export const DELETE = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => {
  await removeHost(ctx, await idParam(route), who.name);
});

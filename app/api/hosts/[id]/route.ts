import { hostUpdateSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { getHostDetail, removeHost, updateHost } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", async (_req, ctx: IdContext) => getHostDetail(await idParam(ctx)));

export const PATCH = handle("admin", async (req, ctx: IdContext, who) => updateHost(await idParam(ctx), await readJson(req, hostUpdateSchema), who.name));

export const DELETE = handle("admin", async (_req, ctx: IdContext, who) => { removeHost(await idParam(ctx), who.name); });

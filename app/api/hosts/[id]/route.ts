import { hostUpdateSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { getHostDetail, removeHost, updateHost } from "@/server/services/hosts";

export const dynamic = "force-dynamic";

export const GET = handle(async (_req, ctx: IdContext) => getHostDetail(await idParam(ctx)));

export const PATCH = handle(async (req, ctx: IdContext) => updateHost(await idParam(ctx), await readJson(req, hostUpdateSchema)));

export const DELETE = handle(async (_req, ctx: IdContext) => { removeHost(await idParam(ctx)); });

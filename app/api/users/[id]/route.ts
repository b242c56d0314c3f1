import { userUpdateSchema } from "@/lib/auth/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { deleteUser, updateUser } from "@/server/services/users";

export const dynamic = "force-dynamic";

export const PATCH = handle("admin", async (req, ctx: IdContext, who) =>
  updateUser(await idParam(ctx, "user"), await readJson(req, userUpdateSchema, 4096), who.name));

export const DELETE = handle("admin", async (_req, ctx: IdContext, who) => { deleteUser(await idParam(ctx, "user"), who); });

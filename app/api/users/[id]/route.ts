import { userUpdateSchema } from "@/lib/auth/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { deleteUser, updateUser } from "@/server/services/users";

export const dynamic = "force-dynamic";

export const PATCH = handle<"admin", IdContext>("admin", async ({ req, ctx, who, route }) =>
  updateUser(ctx, await idParam(route, "user"), await readJson(req, userUpdateSchema, 4096), who.name),
);

export const DELETE = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => {
  await deleteUser(ctx, await idParam(route, "user"), who);
});

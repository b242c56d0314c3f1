import { userCreateSchema } from "@/lib/auth/schemas";
import { handle, readJson } from "@/server/http/handle";
import { createUser, listUserDtos } from "@/server/services/users";

export const dynamic = "force-dynamic";

export const GET = handle("admin", async ({ ctx }) => ({ users: await listUserDtos(ctx) }));

export const POST = handle("admin", async ({ req, ctx, who }) => {
  const { name, role, password } = await readJson(req, userCreateSchema, 4096);
  return Response.json(await createUser(ctx, name, role, password, who.name), { status: 201 });
});

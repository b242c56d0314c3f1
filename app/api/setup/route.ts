import { setupSchema } from "@/lib/auth/schemas";
import { sessionCookie, signIn } from "@/server/auth/session";
import { handle, readJson } from "@/server/http/handle";
import { createFirstAdmin } from "@/server/services/users";

export const dynamic = "force-dynamic";

/** Creates the first admin with a token a start printed (on any process of this database), and signs them in. */
export const POST = handle("public", async ({ req, ctx }) => {
  const { token, name, password } = await readJson(req, setupSchema, 4096);
  await createFirstAdmin(ctx, token, name, password);
  const session = await signIn(ctx, name, password, req);
  return Response.json({ user: session.user }, { status: 201, headers: { "set-cookie": sessionCookie(ctx, session.token, req) } });
});

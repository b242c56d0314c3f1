import { setupSchema } from "@/lib/auth/schemas";
import { closeSetup, setupTokenMatches } from "@/server/auth/setup";
import { sessionCookie, signIn } from "@/server/auth/session";
import { errors } from "@/server/errors";
import { handle, readJson } from "@/server/http/handle";
import { createUser } from "@/server/services/users";

export const dynamic = "force-dynamic";

/** Creates the first admin with the token the server printed at start, and signs them in. */
export const POST = handle("public", async ({ req, ctx }) => {
  const { token, name, password } = await readJson(req, setupSchema, 4096);
  if (!(await setupTokenMatches(ctx.db, token))) throw errors.setupClosed();
  closeSetup();
  await createUser(ctx, name, "admin", password, "setup");
  const session = await signIn(ctx, name, password, req);
  return Response.json({ user: session.user }, { status: 201, headers: { "set-cookie": sessionCookie(ctx, session.token, req) } });
});

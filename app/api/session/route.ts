import { signInSchema } from "@/lib/auth/schemas";
import { setupOpen } from "@/server/auth/setup";
import { clearedSessionCookie, sessionCookie, signIn, signOut } from "@/server/auth/session";
import { handle, readJson } from "@/server/http/handle";

export const dynamic = "force-dynamic";

/** Who is signed in (null when nobody), and whether the one-time setup is still open. */
export const GET = handle("public", async ({ ctx, who }) => ({ user: who, setupOpen: await setupOpen(ctx.db) }));

/** Signs in with a password; the session token travels only in the HttpOnly cookie. */
export const POST = handle("public", async ({ req, ctx }) => {
  const { name, password } = await readJson(req, signInSchema, 4096);
  const { user, token } = await signIn(ctx, name, password, req);
  return Response.json({ user }, { headers: { "set-cookie": sessionCookie(ctx, token, req) } });
});

export const DELETE = handle("public", async ({ req, ctx }) => {
  await signOut(ctx, req);
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(ctx, req) } });
});

import { setupSchema } from "@/lib/auth/schemas";
import { closeSetup, setupTokenMatches } from "@/server/auth/setup";
import { sessionCookie, signIn } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { handle, readJson } from "@/server/http/handle";
import { createUser } from "@/server/services/users";

export const dynamic = "force-dynamic";

/** Creates the first admin with the token the server printed at start, and signs them in. */
export const POST = handle("public", async (req) => {
  const { token, name, password } = await readJson(req, setupSchema, 4096);
  if (!setupTokenMatches(token)) throw new AppError(403, "setup_closed", "the setup link is wrong or was used already; ask whoever runs twscope, or run: npx twscope user add --admin NAME");
  closeSetup();
  await createUser(name, "admin", password, "setup");
  const session = await signIn(name, password, req);
  return Response.json({ user: session.user }, { status: 201, headers: { "set-cookie": sessionCookie(session.token, req) } });
});

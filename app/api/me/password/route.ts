import { passwordChangeSchema } from "@/lib/auth/schemas";
import { clientAddress } from "@/server/auth/client-address";
import { handle, readJson } from "@/server/http/handle";
import { changeOwnPassword } from "@/server/services/users";

export const dynamic = "force-dynamic";

/** Changes the caller's own password; every session of theirs ends, so they sign in again. */
export const POST = handle("viewer", async ({ req, ctx, who }) => {
  const { current, password } = await readJson(req, passwordChangeSchema, 4096);
  await changeOwnPassword(ctx, who, current, password, clientAddress(req));
});

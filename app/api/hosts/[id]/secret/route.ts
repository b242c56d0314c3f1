import { hostSecretSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { clearHostSecret, setHostSecret } from "@/server/services/hosts/stored-credentials";

export const dynamic = "force-dynamic";

/** Sets or replaces the host's stored key or password (write-only: the answer is the host, without it). */
export const PUT = handle<"admin", IdContext>(
  "admin",
  async ({ req, ctx, who, route }) => await setHostSecret(ctx, await idParam(route), await readJson(req, hostSecretSchema), who.name),
);

export const DELETE = handle<"admin", IdContext>("admin", async ({ ctx, who, route }) => {
  await clearHostSecret(ctx, await idParam(route), who.name);
});

import { hostSecretSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { clearHostSecret, setHostSecret } from "@/server/services/hosts/stored-credentials";

export const dynamic = "force-dynamic";

/** Sets or replaces the host's stored key or password (write-only: the answer is the host, without it). */
export const PUT = handle("admin", async (req, ctx: IdContext, who) => setHostSecret(await idParam(ctx), await readJson(req, hostSecretSchema), who.name));

export const DELETE = handle("admin", async (_req, ctx: IdContext, who) => { clearHostSecret(await idParam(ctx), who.name); });

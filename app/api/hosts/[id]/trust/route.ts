import { trustSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { trustHostKey } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const POST = handle("admin", async (req, ctx: IdContext, who) => trustHostKey(await idParam(ctx), (await readJson(req, trustSchema)).fingerprint, who.name));

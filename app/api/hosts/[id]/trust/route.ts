import { trustSchema } from "@/lib/schemas";
import { handle, idParam, readJson, type IdContext } from "@/server/http/handle";
import { trustHostKey } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const POST = handle<"admin", IdContext>(
  "admin",
  async ({ req, ctx, who, route }) =>
    await trustHostKey(ctx, await idParam(route), (await readJson(req, trustSchema)).fingerprint, who.name),
);

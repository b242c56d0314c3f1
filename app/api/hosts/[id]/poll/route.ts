import { handle, idParam, type IdContext } from "@/server/http/handle";
import { pollHostNow } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const POST = handle("viewer", async (_req, ctx: IdContext) => pollHostNow(await idParam(ctx)));

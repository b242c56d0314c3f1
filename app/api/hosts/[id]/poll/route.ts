import { handle, idParam, type IdContext } from "@/server/http/handle";
import { pollHostNow } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const POST = handle<"viewer", IdContext>("viewer", async ({ ctx, route }) => pollHostNow(ctx, await idParam(route)));

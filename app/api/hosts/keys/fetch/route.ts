import { keysFetchSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { fetchHostKeys } from "@/server/services/hosts/host-keys";

export const dynamic = "force-dynamic";

/** Polls the hosts waiting for a first key once, to fetch the keys they present. */
export const POST = handle("admin", async ({ req, ctx }) => fetchHostKeys(ctx, (await readJson(req, keysFetchSchema)).ids));

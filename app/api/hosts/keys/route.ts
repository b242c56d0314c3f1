import { handle } from "@/server/http/handle";
import { hostKeys } from "@/server/services/hosts/host-keys";

export const dynamic = "force-dynamic";

/** The hosts waiting for a first trusted key, and those whose key changed. */
export const GET = handle("admin", async ({ ctx }) => hostKeys(ctx));

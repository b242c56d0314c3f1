import { handle } from "@/server/http/handle";
import { hostNames } from "@/server/services/fleet/fleet";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", ({ ctx }) => hostNames(ctx));

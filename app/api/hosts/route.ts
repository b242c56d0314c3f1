import { hostCreateSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { fleetOverview } from "@/server/services/fleet/fleet";
import { createHost } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", ({ ctx }) => fleetOverview(ctx));

export const POST = handle("admin", async ({ req, ctx, who }) =>
  Response.json(await createHost(ctx, await readJson(req, hostCreateSchema), who.name), { status: 201 }),
);

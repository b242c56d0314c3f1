import { parseFleetQuery } from "@/lib/fleet-query";
import { hostCreateSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { fleetPage } from "@/server/services/fleet/fleet";
import { createHost } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", ({ req, ctx }) => fleetPage(ctx, parseFleetQuery(new URL(req.url).searchParams)));

export const POST = handle("admin", async ({ req, ctx, who }) =>
  Response.json(await createHost(ctx, await readJson(req, hostCreateSchema), who.name), { status: 201 }),
);

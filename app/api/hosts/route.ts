import { hostCreateSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { fleetOverview } from "@/server/services/fleet/fleet";
import { createHost } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", () => fleetOverview());

export const POST = handle("admin", async (req, _ctx, who) => Response.json(createHost(await readJson(req, hostCreateSchema), who.name), { status: 201 }));

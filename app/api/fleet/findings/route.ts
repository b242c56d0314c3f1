import { handle } from "@/server/http/handle";
import { FINDING_HOSTS_SHOWN, fleetFindings } from "@/server/services/fleet/fleet";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", async ({ ctx }) => ({ findings: await fleetFindings(ctx, FINDING_HOSTS_SHOWN) }));

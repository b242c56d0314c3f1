import { handle } from "@/server/http/handle";
import { fleetFindings } from "@/server/services/fleet/findings";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", () => ({ findings: fleetFindings() }));

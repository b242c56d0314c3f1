import { handle } from "@/server/http/handle";
import { fleetFindings } from "@/server/services/analysis";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", () => ({ findings: fleetFindings() }));

import { Suspense } from "react";
import { FleetView } from "@/components/fleet/fleet-view";
import { requirePageUser } from "@/server/auth/page-access";
import { fleetOverview } from "@/server/services/fleet/fleet";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

/** Rendered with the hosts already in the HTML; the client then keeps them live. */
export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(pathWithQuery("/", await searchParams));
  return (
    <Suspense
      fallback={
        <p className="text-zinc-500" role="status">
          Loading hosts…
        </p>
      }
    >
      <FleetView initialFleet={fleetOverview(getContext())} />
    </Suspense>
  );
}

function pathWithQuery(path: string, params: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

import { Suspense } from "react";
import { FleetView } from "@/components/fleet/fleet-view";
import { listHostDtos } from "@/server/services/hosts";

export const dynamic = "force-dynamic";

/** Rendered with the hosts already in the HTML; the client then keeps them live. */
export default function FleetPage() {
  return (
    <Suspense fallback={<p className="text-zinc-500" role="status">Loading hosts…</p>}>
      <FleetView initialHosts={listHostDtos()} />
    </Suspense>
  );
}

import { Suspense } from "react";
import { FleetView } from "@/components/fleet/fleet-view";

export default function FleetPage() {
  return (
    <Suspense fallback={<p className="text-zinc-500" role="status">Loading hosts…</p>}>
      <FleetView />
    </Suspense>
  );
}

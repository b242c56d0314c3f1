"use client";

import { useState } from "react";
import { DEFAULT_VIEW, type FleetView } from "@/lib/fleet-view";
import type { FleetSnapshotPayload } from "@/lib/snapshot-types";
import { FleetReport } from "../fleet/fleet-report";
import { ListFleetFindingsView } from "../fleet/list-fleet-findings";

/** The fleet page from frozen data: filters and sort work (in memory), host names link nowhere. */
export function SnapshotFleetView({ payload, capturedAt }: { payload: FleetSnapshotPayload; capturedAt: number }) {
  const [view, setView] = useState<FleetView>(DEFAULT_VIEW);
  return (
    <FleetReport hosts={payload.hosts.map((row) => ({ ...row, username: "" }))} view={view} onChange={(patch) => setView((v) => ({ ...v, ...patch }))}
      findings={<ListFleetFindingsView findings={payload.findings} linkHosts={false} />}
      footnote="frozen at capture" linkHosts={false} now={capturedAt}
      empty={<p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">The fleet had no hosts.</p>} />
  );
}

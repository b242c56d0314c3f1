"use client";

import { useState } from "react";
import { DEFAULT_QUERY, type FleetQuery } from "@/lib/fleet-query";
import { DEFAULT_POLL_INTERVAL_MS } from "@/lib/host/freshness";
import type { FleetSnapshotPayload } from "@/lib/snapshot/types";
import { FleetReport } from "../fleet/fleet-report";
import { FleetFindingsList } from "../fleet/fleet-findings-list";

/** The fleet page from frozen data: filters and sort work (in memory), host names link nowhere. */
export function SnapshotFleetReport({ payload, capturedAt }: { payload: FleetSnapshotPayload; capturedAt: number }) {
  const [view, setView] = useState<FleetQuery>(DEFAULT_QUERY);
  return (
    <FleetReport
      hosts={payload.hosts.map((row) => ({ ...row, username: "" }))}
      pollIntervalMs={payload.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS}
      view={view}
      onChange={(patch) => setView((v) => ({ ...v, ...patch }))}
      findings={(ageOf) => <FleetFindingsList findings={payload.findings} ageOf={ageOf} linkHosts={false} />}
      footnote="frozen at capture"
      linkHosts={false}
      capturedAt={capturedAt}
      empty={
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
          The fleet had no hosts.
        </p>
      }
    />
  );
}

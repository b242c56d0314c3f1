"use client";

import { useQuery } from "@tanstack/react-query";
import { breakdownSeriesQuery } from "@/lib/api-client";
import type { BreakdownKind } from "@/lib/series/breakdown-series";
import type { Range } from "@/lib/series/range";
import { PlotBreakdown } from "./plot-breakdown";

/** The live per-port or per-destination chart: owns its query and refetches it as polls land. */
function ChartBreakdown({ hostId, range, kind }: { hostId: number; range: Range; kind: BreakdownKind }) {
  const { data, isPending, error } = useQuery(breakdownSeriesQuery(hostId, range, kind));
  return <PlotBreakdown kind={kind} series={data} isPending={isPending} error={error} />;
}

/** Both breakdown charts of a host over the page's range. */
export function ChartBreakdowns({ hostId, range }: { hostId: number; range: Range }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartBreakdown hostId={hostId} range={range} kind="port" />
      <ChartBreakdown hostId={hostId} range={range} kind="peer" />
    </div>
  );
}

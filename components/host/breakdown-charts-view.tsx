"use client";

import { useQuery } from "@tanstack/react-query";
import { breakdownSeriesQuery } from "@/lib/api-client";
import type { BreakdownKind } from "@/lib/series/breakdown-series";
import type { Range } from "@/lib/series/range";
import { BreakdownChart } from "./breakdown-chart";

/** The live per-port or per-destination chart: owns its query and refetches it as polls land. */
function BreakdownChartView({ hostId, range, kind }: { hostId: number; range: Range; kind: BreakdownKind }) {
  const { data, isPending, error } = useQuery(breakdownSeriesQuery(hostId, range, kind));
  return <BreakdownChart kind={kind} series={data} isPending={isPending} error={error} />;
}

/** Both breakdown charts of a host over the page's range. */
export function BreakdownChartsView({ hostId, range }: { hostId: number; range: Range }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <BreakdownChartView hostId={hostId} range={range} kind="port" />
      <BreakdownChartView hostId={hostId} range={range} kind="peer" />
    </div>
  );
}

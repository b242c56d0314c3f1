"use client";

import { useQuery } from "@tanstack/react-query";
import { seriesQuery } from "@/lib/api-client";
import type { SeriesDto } from "@/lib/dto";
import type { Range } from "@/lib/series/range";
import { RatesChart } from "./rates-chart";
import { TimeWaitChart } from "./time-wait-chart";

interface ChartProps { hostId: number; range: Range; onRange: (r: Range) => void; maxBuckets: number | null; initialSeries?: SeriesDto }

/** The live TIME_WAIT chart: owns its series query and refetches it as polls land. */
export function TimeWaitChartView({ hostId, range, onRange, maxBuckets, initialSeries }: ChartProps) {
  const { data, isPending, error } = useQuery({ ...seriesQuery(hostId, range), initialData: initialSeries });
  return <TimeWaitChart series={data} isPending={isPending} error={error} range={range} onRange={onRange} maxBuckets={maxBuckets} />;
}

/** The live rates chart over the same range (shares the series query with the TIME_WAIT chart). */
export function RatesChartView({ hostId, range }: { hostId: number; range: Range }) {
  const { data, isPending, error } = useQuery(seriesQuery(hostId, range));
  return <RatesChart series={data} isPending={isPending} error={error} />;
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { seriesQuery } from "@/lib/api-client";
import type { SeriesDto } from "@/lib/dto";
import type { Range } from "@/lib/series/range";
import { TimeWaitChart } from "./time-wait-chart";

interface Props {
  hostId: number;
  range: Range;
  onRange: (r: Range) => void;
  maxBuckets: number | null;
  initialSeries?: SeriesDto;
}

/** The live TIME_WAIT chart: owns its series query and refetches it as polls land. */
export function TimeWaitChartView({ hostId, range, onRange, maxBuckets, initialSeries }: Props) {
  const { data, isPending, error } = useQuery({ ...seriesQuery(hostId, range), initialData: initialSeries });
  return <TimeWaitChart series={data} isPending={isPending} error={error} range={range} onRange={onRange} maxBuckets={maxBuckets} />;
}

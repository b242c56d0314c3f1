"use client";

import { useQuery } from "@tanstack/react-query";
import { seriesQuery } from "@/lib/api-client";
import type { Range } from "@/lib/series/range";
import { RatesChart } from "./rates-chart";

/** The live rates chart over the same range (shares the series query with the TIME_WAIT chart). */
export function RatesChartView({ hostId, range }: { hostId: number; range: Range }) {
  const { data, isPending, error } = useQuery(seriesQuery(hostId, range));
  return <RatesChart series={data} isPending={isPending} error={error} />;
}

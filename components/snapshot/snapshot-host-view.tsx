"use client";

import { useState } from "react";
import { rangeOf } from "@/lib/series/range";
import type { HostSnapshotPayload } from "@/lib/snapshot/types";
import { HostReport, type HostTab } from "../host/host-report";
import { PlotBreakdowns } from "../host/plot-breakdown";
import { PlotRates } from "../host/plot-rates";
import { PlotTimeWait } from "../host/plot-time-wait";

/** The host page from frozen data: no fetching, no admin controls, the range fixed to the captured one. */
export function SnapshotHostView({ payload, capturedAt }: { payload: HostSnapshotPayload; capturedAt: number }) {
  const [tab, setTab] = useState<HostTab>("diagnosis");
  const { host, series, breakdowns } = payload;
  const maxBuckets = Number(host.latest?.sysctls["net.ipv4.tcp_max_tw_buckets"]) || null;
  const frozen = { series, isPending: false, error: null };
  return (
    <HostReport host={host} tab={tab} onTab={setTab} capturedAt={capturedAt} catalogueLinks={false}
      chart={<PlotTimeWait {...frozen} range={rangeOf(series.range)} maxBuckets={maxBuckets} />}
      ratesChart={<PlotRates {...frozen} />}
      breakdownCharts={breakdowns && <PlotBreakdowns port={breakdowns.port} peer={breakdowns.peer} />} />
  );
}

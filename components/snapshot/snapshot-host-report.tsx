"use client";

import { useState } from "react";
import { rangeOf } from "@/lib/series/range";
import type { HostSnapshotPayload } from "@/lib/snapshot/types";
import { HostReport, type HostTab } from "../host/host-report";
import { BreakdownCharts } from "../host/breakdown-chart";
import { RatesChart } from "../host/rates-chart";
import { TimeWaitChart } from "../host/time-wait-chart";

/** The host page from frozen data: no fetching, no admin controls, the range fixed to the captured one. */
export function SnapshotHostReport({ payload, capturedAt }: { payload: HostSnapshotPayload; capturedAt: number }) {
  const [tab, setTab] = useState<HostTab>("diagnosis");
  const { host, series, breakdowns } = payload;
  const maxBuckets = Number(host.latest?.sysctls["net.ipv4.tcp_max_tw_buckets"]) || null;
  const frozen = { series, isPending: false, error: null };
  return (
    <HostReport
      host={host}
      tab={tab}
      onTab={setTab}
      capturedAt={capturedAt}
      catalogueLinks={false}
      chart={<TimeWaitChart {...frozen} range={rangeOf(series.range)} maxBuckets={maxBuckets} />}
      ratesChart={<RatesChart {...frozen} />}
      breakdownCharts={breakdowns && <BreakdownCharts port={breakdowns.port} peer={breakdowns.peer} />}
    />
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { hostQuery, openAlertsQuery } from "@/lib/api-client";
import type { OpenAlertsDto } from "@/lib/alerts/dto";
import type { HostDetailDto, SeriesDto } from "@/lib/dto";
import { rangeOf } from "@/lib/series/range";
import { useIsAdmin } from "../auth/current-user-provider";
import { QueryStatus } from "../ui/query-status";
import { useUrlSearch } from "../ui/use-url-search";
import { SnapshotShareButton } from "../snapshot/snapshot-share-button";
import { AlertHostPanel } from "../alerts/alert-host-panel";
import { BreakdownChartsView } from "./breakdown-charts-view";
import { RatesChartView } from "./rates-chart-view";
import { TimeWaitChartView } from "./time-wait-chart-view";
import { HostReport, tabOf } from "./host-report";
import { HostKeyPanelView } from "./host-key-panel-view";
import { HostJumpChain } from "./host-jump-chain";

interface Props {
  id: number;
  initialHost?: HostDetailDto;
  initialSeries?: { range: string; series: SeriesDto };
  initialAlerts?: OpenAlertsDto;
}

/** The live host page: fetches and refetches the host, keeps tab and range in the URL. */
export function HostView({ id, initialHost, initialSeries, initialAlerts }: Props) {
  const t = useTranslations("host");
  const { data: host, error, isPending } = useQuery({ ...hostQuery(id), initialData: initialHost });
  const alerts = useQuery({ ...openAlertsQuery(id), initialData: initialAlerts }).data?.alerts ?? [];
  const isAdmin = useIsAdmin();
  const [params, setParams] = useUrlSearch();
  const range = rangeOf(params.get("range"));
  const set = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    setParams(next);
  };

  if (isPending || error)
    return <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("cannotLoad", { id })} />;
  const maxBuckets = Number(host.latest?.sysctls["net.ipv4.tcp_max_tw_buckets"]) || null;
  return (
    <HostReport
      host={host}
      tab={tabOf(params.get("tab"))}
      onTab={(t) => set("tab", t, "diagnosis")}
      actions={
        <>
          <SnapshotShareButton request={{ kind: "host", hostId: id, range }} subject={host.name} />
          {isAdmin && host.transport === "ssh" && (
            <Link href={`/hosts/${id}/edit`} className="text-sm underline">
              {t("edit")}
            </Link>
          )}
        </>
      }
      route={<HostJumpChain chain={host.jumpChain} />}
      notices={<HostKeyPanelView host={host} />}
      alerts={<AlertHostPanel hostId={id} alerts={alerts} pollIntervalMs={host.pollIntervalMs} />}
      chart={
        <TimeWaitChartView
          hostId={id}
          range={range}
          onRange={(r) => set("range", r, "1h")}
          maxBuckets={maxBuckets}
          initialSeries={initialSeries?.range === range ? initialSeries.series : undefined}
        />
      }
      ratesChart={<RatesChartView hostId={id} range={range} />}
      breakdownCharts={<BreakdownChartsView hostId={id} range={range} />}
    />
  );
}

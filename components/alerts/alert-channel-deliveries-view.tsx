"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { alertChannelDeliveriesKey, fetchJson } from "@/lib/api-client";
import type { ChannelDeliveriesDto, DeliveryDto } from "@/lib/alerts/delivery";
import { formatMs } from "@/lib/alerts/describe-channel";
import { useFormat } from "../i18n/use-format";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";

const PAGE = 20;

/** A channel's delivery log: every attempt, newest first, a page at a time. */
export function AlertChannelDeliveriesView({ channelId }: { channelId: number }) {
  const t = useTranslations("alerts.deliveries");
  const q = useInfiniteQuery({
    queryKey: alertChannelDeliveriesKey(channelId),
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      fetchJson<ChannelDeliveriesDto>(
        `/api/alerts/channels/${channelId}/deliveries?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ""}`,
      ),
    getNextPageParam: (last) => (last.deliveries.length === PAGE ? last.deliveries.at(-1)?.id : undefined),
    refetchInterval: 15_000,
  });
  const deliveries = q.data?.pages.flatMap((p) => p.deliveries) ?? [];
  if (q.isPending || q.error)
    return <QueryStatus small isPending={q.isPending} error={q.error} loading={t("loading")} failed={t("failed")} />;
  if (deliveries.length === 0) return <p className="text-sm text-zinc-500">{t("empty")}</p>;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm" aria-label={t("label")}>
          <thead className="bg-zinc-100 text-xs whitespace-nowrap text-zinc-500 uppercase dark:bg-zinc-800">
            <tr>
              <th className="px-2 py-1.5">{t("column.time")}</th>
              <th className="px-2">{t("column.kind")}</th>
              <th className="px-2 text-right">{t("column.alerts")}</th>
              <th className="px-2 text-right">{t("column.attempt")}</th>
              <th className="px-2">{t("column.result")}</th>
              <th className="px-2 text-right">{t("column.http")}</th>
              <th className="px-2">{t("column.error")}</th>
              <th className="px-2 text-right">{t("column.took")}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <AlertChannelDeliveriesRow key={d.id} d={d} />
            ))}
          </tbody>
        </table>
      </div>
      {q.hasNextPage && (
        <button
          type="button"
          className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {q.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
        </button>
      )}
    </div>
  );
}

function AlertChannelDeliveriesRow({ d }: { d: DeliveryDto }) {
  const t = useTranslations("alerts.deliveries");
  const format = useFormat();
  return (
    <tr className="border-t border-zinc-100 align-baseline dark:border-zinc-800" data-delivery={d.id} data-ok={d.ok}>
      <td className="px-2 py-1.5 text-zinc-600 dark:text-zinc-400">
        <Timestamp at={d.at} />
      </td>
      <td className="px-2 py-1.5" data-kind={d.kind}>
        {t(`kind.${d.kind}`)}
      </td>
      <td className="px-2 py-1.5 text-right">{format.count(d.alerts)}</td>
      <td className="px-2 py-1.5 text-right">{format.count(d.attempt)}</td>
      <td className="px-2 py-1.5">
        {d.ok ? (
          <span className="text-emerald-700 dark:text-emerald-400">{t("delivered")}</span>
        ) : (
          <span className="font-medium text-red-700 dark:text-red-400">{t("failedResult")}</span>
        )}
      </td>
      <td className="px-2 py-1.5 text-right font-mono text-xs">{d.httpStatus ?? "—"}</td>
      <td className="max-w-md min-w-48 px-2 py-1.5 text-xs break-words text-zinc-600 dark:text-zinc-400">{d.error ?? ""}</td>
      <td className="px-2 py-1.5 text-right font-mono text-xs whitespace-nowrap">{formatMs(d.durationMs)}</td>
    </tr>
  );
}

"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { alertChannelDeliveriesKey, fetchJson } from "@/lib/api-client";
import type { ChannelDeliveriesDto, DeliveryDto } from "@/lib/alerts/delivery";
import { formatMs } from "@/lib/alerts/describe-channel";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";

const PAGE = 20;

/** A channel's delivery log: every attempt, newest first, a page at a time. */
export function AlertChannelDeliveriesView({ channelId }: { channelId: number }) {
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
    return (
      <QueryStatus
        small
        isPending={q.isPending}
        error={q.error}
        loading="Loading the delivery log…"
        failed="Cannot load the delivery log"
      />
    );
  if (deliveries.length === 0)
    return <p className="text-sm text-zinc-500">Nothing sent yet: the log lists every attempt once there is one.</p>;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm" aria-label="Delivery log">
          <thead className="bg-zinc-100 text-xs whitespace-nowrap text-zinc-500 uppercase dark:bg-zinc-800">
            <tr>
              <th className="px-2 py-1.5">Time</th>
              <th className="px-2">Kind</th>
              <th className="px-2 text-right">Alerts</th>
              <th className="px-2 text-right">Attempt</th>
              <th className="px-2">Result</th>
              <th className="px-2 text-right">HTTP</th>
              <th className="px-2">Error</th>
              <th className="px-2 text-right">Took</th>
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
          {q.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}

function AlertChannelDeliveriesRow({ d }: { d: DeliveryDto }) {
  return (
    <tr className="border-t border-zinc-100 align-baseline dark:border-zinc-800" data-delivery={d.id} data-ok={d.ok}>
      <td className="px-2 py-1.5 text-zinc-600 dark:text-zinc-400">
        <Timestamp at={d.at} />
      </td>
      <td className="px-2 py-1.5">{d.kind}</td>
      <td className="px-2 py-1.5 text-right">{d.alerts}</td>
      <td className="px-2 py-1.5 text-right">{d.attempt}</td>
      <td className="px-2 py-1.5">
        {d.ok ? (
          <span className="text-emerald-700 dark:text-emerald-400">delivered</span>
        ) : (
          <span className="font-medium text-red-700 dark:text-red-400">failed</span>
        )}
      </td>
      <td className="px-2 py-1.5 text-right font-mono text-xs">{d.httpStatus ?? "—"}</td>
      <td className="max-w-md min-w-48 px-2 py-1.5 text-xs break-words text-zinc-600 dark:text-zinc-400">{d.error ?? ""}</td>
      <td className="px-2 py-1.5 text-right font-mono text-xs whitespace-nowrap">{formatMs(d.durationMs)}</td>
    </tr>
  );
}

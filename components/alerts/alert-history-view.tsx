"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { fetchJson, hostNamesQuery } from "@/lib/api-client";
import { alertSubject } from "@/lib/alerts/describe-rule";
import type { AlertDto, AlertHistoryDto } from "@/lib/alerts/dto";
import { useFormat } from "../i18n/use-format";
import { useTranslate } from "../i18n/translate";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";
import { useNow } from "../ui/use-now";

const PAGE = 50;

/** The History tab: alerts that fired, newest first, a page at a time, of the fleet or one host. */
export function AlertHistoryView({ host, onHost }: { host: number | null; onHost: (host: number | null) => void }) {
  const t = useTranslations("alerts.history");
  const hosts = useQuery(hostNamesQuery());
  const q = useInfiniteQuery({
    queryKey: ["alerts", "history", host ?? "all"],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      fetchJson<AlertHistoryDto>(
        `/api/alerts?view=history&limit=${PAGE}${host ? `&host=${host}` : ""}${pageParam ? `&before=${pageParam}` : ""}`,
      ),
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: 15_000,
  });
  const alerts = q.data?.pages.flatMap((p) => p.alerts) ?? [];
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        <span>{t("host")}</span>
        <select
          aria-label={t("filter")}
          value={host ?? ""}
          onChange={(e) => onHost(e.target.value ? Number(e.target.value) : null)}
          className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">{t("allHosts")}</option>
          {hosts.data?.hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
          {host && !hosts.data?.hosts.some((h) => h.id === host) && <option value={host}>{t("hostId", { id: String(host) })}</option>}
        </select>
      </label>
      <QueryStatus isPending={q.isPending} error={q.error} loading={t("loading")} failed={t("failed")} />
      {q.data && alerts.length === 0 && <p className="text-zinc-500">{host ? t("emptyOnHost") : t("empty")}</p>}
      {alerts.length > 0 && <AlertHistoryTable alerts={alerts} />}
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

function AlertHistoryTable({ alerts }: { alerts: AlertDto[] }) {
  const t = useTranslations("alerts.history");
  const translate = useTranslate();
  const format = useFormat();
  const now = useNow(10_000);
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <thead className="bg-zinc-100 text-xs text-zinc-500 uppercase dark:bg-zinc-800">
          <tr>
            <th className="px-2 py-2">{t("column.host")}</th>
            <th className="px-2">{t("column.rule")}</th>
            <th className="px-2">{t("column.subject")}</th>
            <th className="px-2">{t("column.firedAt")}</th>
            <th className="px-2">{t("column.resolvedAt")}</th>
            <th className="px-2 text-right">{t("column.duration")}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-alert={a.id} data-rule={a.ruleId}>
              <td className="px-2 py-1.5">
                <Link className="hover:underline" href={`/hosts/${a.hostId}`}>
                  {a.hostName}
                </Link>
              </td>
              <td className="px-2">{a.ruleName}</td>
              <td className="px-2 font-mono text-xs">{alertSubject(translate, a) || "—"}</td>
              <td className="px-2 text-zinc-600 dark:text-zinc-400">{a.firingSince && <Timestamp at={a.firingSince} />}</td>
              <td className="px-2 text-zinc-600 dark:text-zinc-400">
                {a.resolvedAt ? (
                  <Timestamp at={a.resolvedAt} />
                ) : (
                  <span className="font-medium text-red-700 dark:text-red-400">{t("stillFiring")}</span>
                )}
              </td>
              <td className="px-2 text-right font-mono text-xs whitespace-nowrap">
                {a.firingSince ? format.duration((a.resolvedAt ?? now) - a.firingSince) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

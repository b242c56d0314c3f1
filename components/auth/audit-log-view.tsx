"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { fetchJson } from "@/lib/api-client";
import { describeAuditDetails } from "@/lib/auth/audit-details";
import type { AuditEntryDto } from "@/lib/auth/types";
import { isLocale } from "@/lib/i18n/locales";
import { useTranslate } from "../i18n/translate";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";

const PAGE = 100;

/** Admin actions, newest first, a hundred at a time. */
export function AuditLogView() {
  const t = useTranslations("auth.audit");
  const q = useInfiniteQuery({
    queryKey: ["audit"],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      fetchJson<{ entries: AuditEntryDto[] }>(`/api/audit?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ""}`),
    getNextPageParam: (last) => (last.entries.length === PAGE ? last.entries.at(-1)!.id : undefined),
  });
  const entries = q.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-500">{t("intro")}</p>
      <QueryStatus isPending={q.isPending} error={q.error} loading={t("loading")} failed={t("failed")} />
      {q.data && entries.length === 0 && <p className="text-zinc-500">{t("empty")}</p>}
      {entries.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-zinc-500 uppercase">
              <tr>
                <th className="py-2">{t("when")}</th>
                <th>{t("who")}</th>
                <th>{t("action")}</th>
                <th>{t("target")}</th>
                <th>{t("details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <AuditRow key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.hasNextPage && (
        <button
          type="button"
          className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {q.isFetchingNextPage ? t("loadingMore") : t("older")}
        </button>
      )}
    </div>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntryDto }) {
  const locale = useLocale();
  return (
    <tr className="border-t border-zinc-200 align-top dark:border-zinc-800" data-action={e.action}>
      <td className="py-1.5 pr-3 whitespace-nowrap text-zinc-500">
        <Timestamp at={e.at} />
      </td>
      <td className="pr-3">{e.actor}</td>
      <td className="pr-3" title={e.action}>
        <AuditAction action={e.action} />
      </td>
      <td className="pr-3">{e.target}</td>
      <td className="font-mono text-xs break-all text-zinc-500">
        {describeAuditDetails(e.details, { locale: isLocale(locale) ? locale : undefined })}
      </td>
    </tr>
  );
}

/** An action code ("host.trust-key") as words in the reader's language; a code the catalogue lacks as it is. */
function AuditAction({ action }: { action: string }) {
  const t = useTranslate();
  const key = `auth.audit.actions.${action}`;
  return <>{t.has(key) ? t(key) : action}</>;
}

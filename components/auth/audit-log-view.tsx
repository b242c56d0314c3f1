"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import { describeAuditDetails } from "@/lib/auth/audit-details";
import type { AuditEntryDto } from "@/lib/auth/types";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";

const PAGE = 100;

/** Admin actions, newest first, a hundred at a time. */
export function AuditLogView() {
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
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-zinc-500">
        Hosts added, edited and removed, host keys re-trusted, stored secrets changed, users changed, snapshots revoked.
      </p>
      <QueryStatus isPending={q.isPending} error={q.error} loading="Loading the audit log…" failed="Cannot load the audit log" />
      {q.data && entries.length === 0 && <p className="text-zinc-500">No admin action yet.</p>}
      {entries.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-zinc-500 uppercase">
              <tr>
                <th className="py-2">When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-t border-zinc-200 align-top dark:border-zinc-800" data-action={e.action}>
                  <td className="py-1.5 pr-3 whitespace-nowrap text-zinc-500">
                    <Timestamp at={e.at} />
                  </td>
                  <td className="pr-3">{e.actor}</td>
                  <td className="pr-3 font-mono text-xs">{e.action}</td>
                  <td className="pr-3">{e.target}</td>
                  <td className="font-mono text-xs break-all text-zinc-500">{describeAuditDetails(e.details)}</td>
                </tr>
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
          {q.isFetchingNextPage ? "Loading…" : "Older entries"}
        </button>
      )}
    </div>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { deleteSnapshot, snapshotsQuery } from "@/lib/snapshot/client";
import type { SnapshotListItemDto } from "@/lib/snapshot/types";
import { QueryStatus } from "../ui/query-status";
import { SnapshotTable } from "./snapshot-table";

interface Props {
  initialSnapshots: SnapshotListItemDto[];
  showCreators: boolean;
}

export function SnapshotListView({ initialSnapshots, showCreators }: Props) {
  const t = useTranslations("snapshot.list");
  const { data, error, isPending } = useQuery({ ...snapshotsQuery(), initialData: { snapshots: initialSnapshots } });
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: deleteSnapshot,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["snapshots"] }),
  });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{showCreators ? t("allTitle") : t("yourTitle")}</h1>
      <p className="text-sm text-zinc-500">{t("intro")}</p>
      {revoke.error && (
        <p className="text-red-700 dark:text-red-400" role="alert">
          {t("revokeFailed", { message: revoke.error.message })}
        </p>
      )}
      {isPending || error ? (
        <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("loadFailed")} />
      ) : data.snapshots.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">{t("empty")}</p>
      ) : (
        <SnapshotTable
          snapshots={data.snapshots}
          showCreators={showCreators}
          revokingId={revoke.isPending ? revoke.variables : undefined}
          onRevoke={(id) => revoke.mutate(id)}
        />
      )}
    </section>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { deleteSnapshot, snapshotsQuery } from "@/lib/snapshot/client";
import type { SnapshotListItemDto } from "@/lib/snapshot/types";
import { QueryStatus } from "../ui/query-status";
import { SnapshotTable } from "./snapshot-table";

interface Props {
  initialSnapshots: SnapshotListItemDto[];
  showCreators: boolean;
}

export function SnapshotListView({ initialSnapshots, showCreators }: Props) {
  const { data, error, isPending } = useQuery({ ...snapshotsQuery(), initialData: { snapshots: initialSnapshots } });
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: deleteSnapshot,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["snapshots"] }),
  });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{showCreators ? "All shared snapshots" : "Your shared snapshots"}</h1>
      <p className="text-sm text-zinc-500">
        Links are shown only when a snapshot is created; here snapshots are listed by title and time. Revoking one makes its link answer
        “not found” at once.
      </p>
      {revoke.error && (
        <p className="text-red-700 dark:text-red-400" role="alert">
          Cannot revoke: {revoke.error.message}
        </p>
      )}
      {isPending || error ? (
        <QueryStatus isPending={isPending} error={error} loading="Loading snapshots…" failed="Cannot load snapshots" />
      ) : data.snapshots.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
          No snapshots yet. Use “Share snapshot” on the fleet page or a host page to create one.
        </p>
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

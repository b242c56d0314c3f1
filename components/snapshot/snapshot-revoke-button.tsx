"use client";

import type { SnapshotListItemDto } from "@/lib/snapshot/types";
import { ConfirmAction } from "../ui/confirm-action";

interface Props {
  snapshot: Pick<SnapshotListItemDto, "id" | "title">;
  revoking: boolean;
  onRevoke: (id: number) => void;
}

/** Revoke, after an inline "are you sure": a revoked link cannot be brought back. */
export function SnapshotRevokeButton({ snapshot, revoking, onRevoke }: Props) {
  return (
    <ConfirmAction
      label="Revoke"
      ariaLabel={`Revoke snapshot ${snapshot.id} (${snapshot.title})`}
      question={<>Revoke “{snapshot.title}”? Its link stops working at once and cannot be restored.</>}
      confirmLabel="Yes, revoke"
      busyLabel="Revoking…"
      busy={revoking}
      onConfirm={() => onRevoke(snapshot.id)}
      buttonClassName="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
    />
  );
}

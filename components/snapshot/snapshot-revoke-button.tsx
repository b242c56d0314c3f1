"use client";

import { useTranslations } from "next-intl";
import type { SnapshotListItemDto } from "@/lib/snapshot/types";
import { ConfirmAction } from "../ui/confirm-action";
import { useSnapshotTitle } from "./use-snapshot-title";

interface Props {
  snapshot: Pick<SnapshotListItemDto, "id" | "kind" | "title">;
  revoking: boolean;
  onRevoke: (id: number) => void;
}

/** Revoke, after an inline "are you sure": a revoked link cannot be brought back. */
export function SnapshotRevokeButton({ snapshot, revoking, onRevoke }: Props) {
  const t = useTranslations("snapshot.revoke");
  const title = useSnapshotTitle()(snapshot);
  return (
    <ConfirmAction
      label={t("label")}
      ariaLabel={t("ariaLabel", { id: snapshot.id, title })}
      question={t("question", { title })}
      confirmLabel={t("confirm")}
      busyLabel={t("busy")}
      busy={revoking}
      onConfirm={() => onRevoke(snapshot.id)}
      buttonClassName="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
    />
  );
}

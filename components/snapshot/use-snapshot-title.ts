import { useTranslations } from "next-intl";
import type { SnapshotMeta } from "@/lib/snapshot/types";

/**
 * A snapshot's title as the reader reads it: a host snapshot is its host's name; a fleet snapshot
 * is worded in the reader's language (its stored title is the English "Fleet").
 */
export function useSnapshotTitle(): (s: Pick<SnapshotMeta, "kind" | "title">) => string {
  const t = useTranslations("snapshot");
  return (s) => (s.kind === "fleet" ? t("fleetTitle") : s.title);
}

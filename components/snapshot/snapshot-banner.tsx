import { useTranslations } from "next-intl";
import type { SnapshotMeta } from "@/lib/snapshot/types";
import { Timestamp } from "../ui/timestamp";

/** Says plainly that the page is frozen: what, when, by whom, until when. */
export function SnapshotBanner({ meta }: { meta: SnapshotMeta }) {
  const t = useTranslations("snapshot.banner");
  return (
    <aside
      role="note"
      aria-label={t("label")}
      data-testid="snapshot-banner"
      className="mb-5 rounded border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      <p>
        {t.rich("taken", {
          kind: meta.kind,
          title: meta.title,
          creator: meta.creatorName,
          strong: (c) => <strong>{c}</strong>,
          name: (c) => <strong>{c}</strong>,
          taken: () => <Timestamp at={meta.createdAt} />,
          expires: () => <Timestamp at={meta.expiresAt} />,
        })}
      </p>
      <p className="text-xs text-sky-800 dark:text-sky-300">{t("frozen", { redacted: meta.redacted ? "yes" : "no" })}</p>
    </aside>
  );
}

import { useTranslations } from "next-intl";
import type { Freshness } from "@/lib/host/freshness";
import { useFormat } from "../i18n/use-format";
import { TimeAgo } from "../ui/time-ago";
import { Timestamp } from "../ui/timestamp";

/**
 * Above a diagnosis that is not "now": it comes from a stale sample or a pasted bundle, and says how old.
 * `capturedAt` (a snapshot) gives the age at capture instead of a relative time.
 */
export function SampleAgeBanner({ freshness, capturedAt }: { freshness: Freshness; capturedAt?: number }) {
  const t = useTranslations("host.banner");
  const format = useFormat();
  if (freshness.state !== "stale" && freshness.state !== "bundle") return null;
  const age = () =>
    capturedAt === undefined ? <TimeAgo at={freshness.at} /> : t("beforeCapture", { age: format.duration(capturedAt - freshness.at) });
  const at = () => <Timestamp at={freshness.at} />;
  return (
    <aside
      role="note"
      data-testid="sample-age-banner"
      data-freshness={freshness.state}
      className="mb-3 rounded border border-zinc-300 bg-zinc-100 p-3 text-sm text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
    >
      {freshness.state === "stale"
        ? t.rich("stale", { age, at })
        : t.rich("bundle", {
            at,
            pasted: () => (capturedAt === undefined ? <TimeAgo at={freshness.pastedAt} /> : <Timestamp at={freshness.pastedAt} />),
          })}
    </aside>
  );
}

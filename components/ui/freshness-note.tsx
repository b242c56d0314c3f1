import { useTranslations } from "next-intl";
import type { Freshness } from "@/lib/host/freshness";
import { TimeAgo } from "./time-ago";
import { Timestamp } from "./timestamp";

/**
 * What a figure's age needs said beside it: "as of <time>" when stale, "bundle pasted … ago" for a
 * pasted bundle; nothing when fresh. `frozen` (a snapshot) writes the paste time out instead of counting.
 */
export function FreshnessNote({
  freshness,
  frozen = false,
  className = "",
}: {
  freshness: Freshness;
  frozen?: boolean;
  className?: string;
}) {
  const t = useTranslations("common");
  const look = `text-xs text-zinc-500 ${className}`;
  if (freshness.state === "stale")
    return (
      <span className={look} data-freshness-note="stale">
        {t.rich("asOf", { at: () => <Timestamp at={freshness.at} /> })}
      </span>
    );
  if (freshness.state === "bundle") {
    const pastedAt = freshness.pastedAt;
    return (
      <span className={look} data-freshness-note="bundle">
        {t.rich("bundlePasted", { at: () => (frozen ? <Timestamp at={pastedAt} /> : <TimeAgo at={pastedAt} />) })}
      </span>
    );
  }
  return null;
}

/** Greyed look for figures that are not "now". */
export const STALE_LOOK = "opacity-60 grayscale";

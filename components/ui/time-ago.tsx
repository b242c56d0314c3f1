"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/use-format";
import { lastReading, tickFor, useHydrated, useNow } from "./use-now";

/**
 * "12 s ago" that keeps counting by itself, on the page's one shared clock. The server renders its
 * own reading (the browser's may differ by a second: hence suppressHydrationWarning); the title holds
 * the moment itself, in UTC until hydration and in the viewer's zone after. `duration` writes the time
 * since without "ago" ("firing for 12 min").
 */
export function TimeAgo({ at, className, duration = false }: { at: number | null | undefined; className?: string; duration?: boolean }) {
  const now = useNow(at ? tickFor(lastReading() - at) : 60_000);
  const hydrated = useHydrated();
  const format = useFormat();
  const t = useTranslations("common");
  if (!at) return <span className={className}>{t("never")}</span>;
  return (
    <time
      dateTime={new Date(at).toISOString()}
      title={format.dateTime(at, hydrated ? {} : { zone: "UTC" })}
      className={className}
      suppressHydrationWarning
      data-ago
    >
      {duration ? format.duration(now - at) : format.ago(at, now)}
    </time>
  );
}

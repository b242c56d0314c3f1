import { useTranslations } from "next-intl";
import type { FleetPageInfo, FleetQuery } from "@/lib/fleet-query";

const box = "rounded border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700";
const link = "underline hover:text-zinc-900 dark:hover:text-white";

/** What each filter asked for, in words: `status stale (no new sample for 3 polls)`, `tag web`, `search “db-1”`. */
function useFilterWords(view: FleetQuery): string[] {
  const t = useTranslations("fleet");
  const severity = useTranslations("common.severity");
  const { status, severity: worst, tag } = view;
  const q = view.q.trim();
  return [
    status === "stale" ? t("noMatch.staleStatus") : status && t("noMatch.status", { status: t(`controls.status.${status}`) }),
    worst && (worst === "info" ? t("noMatch.infoOnly") : t("noMatch.worst", { severity: severity(worst) })),
    tag && t("noMatch.tag", { tag }),
    q && t("noMatch.search", { q }),
  ].filter((w): w is string => Boolean(w));
}

/**
 * The table's place when it has no row to show: nothing matches the filters (saying which), or the page
 * lies past the last one (hosts went away since the link was made).
 */
export function FleetNoMatch({
  view,
  info,
  onClear,
  onPage,
}: {
  view: FleetQuery;
  info: FleetPageInfo;
  onClear: () => void;
  onPage: (page: number) => void;
}) {
  const t = useTranslations("fleet.noMatch");
  const words = useFilterWords(view);
  if (info.matched > 0) {
    return (
      <p className={box} data-testid="fleet-no-match">
        {t("pastLast", { page: info.page })}{" "}
        <button type="button" className={link} onClick={() => onPage(info.pageCount)}>
          {t("goTo", { page: info.pageCount })}
        </button>
      </p>
    );
  }
  return (
    <p className={box} data-testid="fleet-no-match">
      {t("none", { filters: words.join(t("separator")) })}{" "}
      <button type="button" className={link} onClick={onClear}>
        {t("clear")}
      </button>
    </p>
  );
}

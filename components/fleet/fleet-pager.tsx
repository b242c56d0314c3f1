import { useTranslations } from "next-intl";
import type { FleetPageInfo } from "@/lib/fleet-query";
import { PAGE_SIZES } from "@/lib/fleet-query";

interface Props {
  info: FleetPageInfo;
  /** Whether the view filters: then the count says how many hosts matched out of all. */
  filtered: boolean;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
  /** A page is loading: the rows on screen are still the previous page's. */
  loading?: boolean;
}

const button =
  "rounded border border-zinc-300 bg-white px-2.5 py-1 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

/** "1–50 of 9,732 matching, 10,000 hosts" with first, previous, next and last page, and the page size. */
export function FleetPager({ info, filtered, onPage, onPageSize, loading = false }: Props) {
  const { page, pageSize, pageCount, matched, total } = info;
  const first = Math.min(matched, (page - 1) * pageSize + 1);
  const last = Math.min(matched, page * pageSize);
  const t = useTranslations("fleet.pager");
  const of = filtered ? t("ofMatching", { matched, total }) : t("ofAll", { total });
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm">
      <p data-testid="fleet-range">
        {first <= last ? t("range", { first, last, of }) : t("none", { of })}
        {loading && (
          <span role="status" className="ml-2 text-zinc-500">
            {t("loading")}
          </span>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-1.5">
        <button type="button" className={button} disabled={page <= 1} onClick={() => onPage(1)} aria-label={t("first")}>
          «
        </button>
        <button
          type="button"
          className={button}
          disabled={page <= 1}
          onClick={() => onPage(Math.min(page - 1, pageCount))}
          aria-label={t("previous")}
        >
          {t("previousButton")}
        </button>
        <span className="px-1 whitespace-nowrap" data-testid="fleet-page">
          {t("page", { page, pages: pageCount })}
        </span>
        <button type="button" className={button} disabled={page >= pageCount} onClick={() => onPage(page + 1)} aria-label={t("next")}>
          {t("nextButton")}
        </button>
        <button type="button" className={button} disabled={page >= pageCount} onClick={() => onPage(pageCount)} aria-label={t("last")}>
          »
        </button>
        <select
          aria-label={t("perPageLabel")}
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.target.value))}
          className="ml-1 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {[...new Set([...PAGE_SIZES, pageSize])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                {t("perPage", { size: n })}
              </option>
            ))}
        </select>
      </div>
    </nav>
  );
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import { KINDS, RISKS, remedyFilterQuery, type RemedyFilter } from "@/lib/advice/remedy-catalogue";

/** Risk and kind filters as links, so a filtered catalogue has its own URL (`/remedies?risk=low`). */
export function RemedyFilters({ filter, shown, total }: { filter: RemedyFilter; shown: number; total: number }) {
  const t = useTranslations("remedies");
  return (
    <nav aria-label={t("filter.label")} className="space-y-1 text-sm">
      <Choices
        label={t("filter.risk")}
        groupLabel={t("filter.riskGroup")}
        current={filter.risk}
        options={RISKS.map((r) => [r, t(`risk.${r}`)])}
        href={(risk) => remedyFilterQuery({ ...filter, risk })}
      />
      <Choices
        label={t("filter.kind")}
        groupLabel={t("filter.kindGroup")}
        current={filter.kind}
        options={KINDS.map((k) => [k, t(`kind.${k}`)])}
        href={(kind) => remedyFilterQuery({ ...filter, kind })}
      />
      <p className="text-xs text-zinc-500" role="status">
        {t("filter.showing", { shown, total })}
        {shown < total && (
          <>
            {" "}
            ·{" "}
            <Link className="underline" href="/remedies">
              {t("filter.showAll")}
            </Link>
          </>
        )}
      </p>
    </nav>
  );
}

function Choices<T extends string>({
  label,
  groupLabel,
  current,
  options,
  href,
}: {
  label: string;
  groupLabel: string;
  current: T | null;
  options: [T, string][];
  href: (value: T | null) => string;
}) {
  const t = useTranslations("remedies");
  const chip = (active: boolean) =>
    `rounded border px-2 py-0.5 ${active ? "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`;
  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={groupLabel}>
      <span className="w-10 text-xs font-medium text-zinc-500">{label}</span>
      <Link href={`/remedies${href(null)}`} className={chip(current === null)} aria-current={current === null ? "true" : undefined}>
        {t("filter.all")}
      </Link>
      {options.map(([value, text]) => (
        <Link
          key={value}
          href={`/remedies${href(value)}`}
          className={chip(current === value)}
          aria-current={current === value ? "true" : undefined}
        >
          {text}
        </Link>
      ))}
    </div>
  );
}

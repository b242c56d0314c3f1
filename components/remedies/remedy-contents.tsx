import { useTranslations } from "next-intl";
import { STANCES } from "@/lib/advice/remedy-catalogue";
import { remedyTitle } from "@/lib/advice/remedy-text";
import type { Remedy } from "@/lib/advice/types";
import { useTranslate } from "../i18n/translate";
import { RiskBadge } from "../ui/risk-badge";

/** The list of entries on the page, grouped into what to do and what to avoid, each with its risk. */
export function RemedyContents({ remedies }: { remedies: Remedy[] }) {
  const t = useTranslations("remedies");
  const all = useTranslate();
  const groups = STANCES.map((stance) => [stance, remedies.filter((r) => r.stance === stance)] as const);
  return (
    <nav aria-label={t("contents")} className="space-y-3 text-sm">
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([stance, list]) => (
          <div key={stance}>
            <h2 className="text-xs font-semibold text-zinc-500 uppercase">{t(`stance.${stance}`)}</h2>
            <ul className="mt-1 space-y-1">
              {list.map((r) => (
                <li key={r.id} className="flex items-start justify-between gap-2">
                  <a className="min-w-0 underline-offset-2 hover:underline" href={`#${r.id}`}>
                    {remedyTitle(all, r.id)}
                  </a>
                  <RiskBadge risk={r.risk} />
                </li>
              ))}
            </ul>
          </div>
        ))}
    </nav>
  );
}

import { useTranslations } from "next-intl";
import type { Risk } from "@/lib/advice/types";

const RISK: Record<Risk, string> = {
  low: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  medium: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  high: "bg-orange-200 text-orange-950 dark:bg-orange-800 dark:text-orange-50",
  critical: "bg-red-600 text-white",
};

export function RiskBadge({ risk }: { risk: Risk }) {
  const t = useTranslations("common");
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${RISK[risk]}`} data-risk={risk}>
      {t("riskBadge", { risk: t(`risk.${risk}`) })}
    </span>
  );
}

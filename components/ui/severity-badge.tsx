import { useTranslations } from "next-intl";
import type { Severity } from "@/lib/advice/types";

const SEVERITY: Record<Severity, string> = {
  critical: "bg-red-600 text-white",
  warning: "bg-amber-200 text-amber-950 dark:bg-amber-700 dark:text-amber-50",
  info: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
};

/** Severity with its word, never colour alone. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const t = useTranslations("common");
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap uppercase ${SEVERITY[severity]}`}
      data-severity={severity}
    >
      {t(`severity.${severity}`)}
    </span>
  );
}

import { useTranslations } from "next-intl";

/** The zone whose collectors poll a host, as a small outlined badge (fleet rows and the host page). */
export function ZoneBadge({ zone }: { zone: string }) {
  const t = useTranslations("common");
  return (
    <span className="rounded border border-zinc-300 px-1.5 text-xs text-zinc-600 dark:border-zinc-600 dark:text-zinc-300" data-field="zone">
      {t("zone", { zone })}
    </span>
  );
}

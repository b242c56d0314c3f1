"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { openAlertsQuery } from "@/lib/api-client";
import type { OpenAlertsDto } from "@/lib/alerts/dto";

/** "Alerts" in the header, with the number of firing alerts beside it while any fire. */
export function AlertsNavLinkView({ className, initialOpen }: { className: string; initialOpen?: OpenAlertsDto }) {
  const t = useTranslations("alerts.nav");
  const { data } = useQuery({ ...openAlertsQuery(), initialData: initialOpen });
  const firing = data?.alerts.filter((a) => a.state === "firing").length ?? 0;
  return (
    <Link
      href="/alerts"
      className={`${className} inline-flex items-center gap-1.5`}
      aria-label={firing ? t("linkFiring", { count: firing }) : t("link")}
    >
      {t("link")}
      {firing > 0 && (
        <span className="rounded-full bg-red-600 px-1.5 text-xs leading-5 font-semibold text-white" data-field="firing-count">
          {firing}
        </span>
      )}
    </Link>
  );
}

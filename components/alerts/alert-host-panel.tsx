import Link from "next/link";
import { useTranslations } from "next-intl";
import { alertsPageHref } from "@/lib/alerts/alerts-page-query";
import type { AlertDto } from "@/lib/alerts/dto";
import { AlertList } from "./alert-list";

/** At the top of a host's page: its firing and pending alerts, with a link to the Alerts page filtered to it; nothing while none is open. */
export function AlertHostPanel({ hostId, alerts, pollIntervalMs }: { hostId: number; alerts: AlertDto[]; pollIntervalMs: number }) {
  const t = useTranslations("alerts.hostPanel");
  if (alerts.length === 0) return null;
  const firing = alerts.filter((a) => a.state === "firing").length;
  return (
    <section className="space-y-2" aria-label={t("label")}>
      <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
        <span className="font-semibold">
          {t("firing", { count: firing })}
          {alerts.length > firing && t("pending", { count: alerts.length - firing })}
        </span>
        <Link className="underline" href={alertsPageHref({ host: hostId })}>
          {t("link")}
        </Link>
      </p>
      <AlertList alerts={alerts} pollIntervalMs={pollIntervalMs} compact />
    </section>
  );
}

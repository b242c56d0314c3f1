import Link from "next/link";
import { alertsPageHref } from "@/lib/alerts/alerts-page-query";
import type { AlertDto } from "@/lib/alerts/dto";
import { AlertList } from "./alert-list";

/** At the top of a host's page: its firing and pending alerts, with a link to the Alerts page filtered to it; nothing while none is open. */
export function AlertHostPanel({ hostId, alerts, pollIntervalMs }: { hostId: number; alerts: AlertDto[]; pollIntervalMs: number }) {
  if (alerts.length === 0) return null;
  const firing = alerts.filter((a) => a.state === "firing").length;
  return (
    <section className="space-y-2" aria-label="Alerts on this host">
      <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
        <span className="font-semibold">
          {firing} alert{firing === 1 ? "" : "s"} firing
          {alerts.length > firing && `, ${alerts.length - firing} pending`}
        </span>
        <Link className="underline" href={alertsPageHref({ host: hostId })}>
          this host on the Alerts page
        </Link>
      </p>
      <AlertList alerts={alerts} pollIntervalMs={pollIntervalMs} compact />
    </section>
  );
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Severity } from "@/lib/advice/types";
import { alertSubject } from "@/lib/alerts/describe-rule";
import type { AlertDto } from "@/lib/alerts/dto";
import { useTranslate } from "../i18n/translate";
import { SeverityBadge } from "../ui/severity-badge";

const SHOWN = 3;

/** Above the fleet table: "3 alerts firing: …" with the worst few, linking to the Alerts page; nothing while none fires. */
export function AlertStrip({ alerts }: { alerts: AlertDto[] }) {
  const t = useTranslations("alerts.strip");
  const translate = useTranslate();
  // The API lists firing first, critical before warning, oldest first: the worst come first.
  const firing = alerts.filter((a) => a.state === "firing");
  if (firing.length === 0) return null;
  const silenced = firing.filter((a) => a.silence).length;
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm dark:border-red-900 dark:bg-red-950/40"
      data-field="alert-strip"
    >
      <Link href="/alerts" className="font-semibold text-red-800 hover:underline dark:text-red-300">
        {t("firing", { count: firing.length })}
        {silenced > 0 && <span className="font-normal">{t("silenced", { count: silenced })}</span>}
        {t("colon")}
      </Link>
      {firing.slice(0, SHOWN).map((a) => {
        const subject = alertSubject(translate, a);
        return (
          <span key={a.id} className="inline-flex items-center gap-1.5" data-alert={a.id}>
            <SeverityBadge severity={a.severity as Severity} />
            <Link href={`/hosts/${a.hostId}`} className="font-medium hover:underline">
              {a.hostName}
            </Link>
            <span className="text-zinc-700 dark:text-zinc-300">
              {a.ruleName}
              {subject && <span className="font-mono text-xs"> {subject}</span>}
            </span>
          </span>
        );
      })}
      {firing.length > SHOWN && (
        <Link href="/alerts" className="underline">
          {t("more", { count: firing.length - SHOWN })}
        </Link>
      )}
    </div>
  );
}

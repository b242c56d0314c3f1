"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { alertRulesQuery, openAlertsQuery } from "@/lib/api-client";
import { alertsPageHref } from "@/lib/alerts/alerts-page-query";
import type { AlertRuleDto, OpenAlertsDto } from "@/lib/alerts/dto";
import { useIsAdmin } from "../auth/current-user-provider";
import { QueryStatus } from "../ui/query-status";
import { AlertList } from "./alert-list";

interface Props {
  host: number | null;
  initialOpen?: OpenAlertsDto;
  initialRules?: AlertRuleDto[];
  pollIntervalMs: number;
}

const ACTION = "underline text-zinc-700 dark:text-zinc-300";

/** The Now tab: firing and pending alerts, refetched as polls land; admins silence one from here. */
export function AlertsNowView({ host, initialOpen, initialRules, pollIntervalMs }: Props) {
  const t = useTranslations("alerts.now");
  const open = useQuery({ ...openAlertsQuery(host), initialData: initialOpen });
  const rules = useQuery({ ...alertRulesQuery(), initialData: initialRules && { rules: initialRules } });
  const isAdmin = useIsAdmin();
  if (open.isPending || open.error)
    return <QueryStatus isPending={open.isPending} error={open.error} loading={t("loading")} failed={t("failed")} />;
  const alerts = open.data.alerts;
  const firing = alerts.filter((a) => a.state === "firing").length;
  const enabled = rules.data?.rules.filter((r) => r.enabled).length;
  return (
    <div className="space-y-3">
      {alerts.length === 0 ? (
        <div className="rounded border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700" data-empty="alerts">
          <p className="font-medium">{host ? t("emptyOnHost") : t("empty")}</p>
          {rules.data && (
            <p className="mt-1 text-sm text-zinc-500">
              {t("rulesEnabled", { enabled: enabled ?? 0, total: rules.data.rules.length })}{" "}
              <Link className="underline" href={alertsPageHref({ tab: "rules" })}>
                {t("seeRules")}
              </Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("counts", { firing, pending: alerts.length - firing })}</p>
          <AlertList
            alerts={alerts}
            pollIntervalMs={pollIntervalMs}
            actions={
              isAdmin
                ? (a) => (
                    <>
                      <Link className={ACTION} href={alertsPageHref({ tab: "silences", silence: { matcher: "host", value: a.hostName } })}>
                        {t("silenceHost")}
                      </Link>
                      <Link className={ACTION} href={alertsPageHref({ tab: "silences", silence: { matcher: "rule", value: a.ruleId } })}>
                        {t("silenceRule")}
                      </Link>
                    </>
                  )
                : undefined
            }
          />
        </>
      )}
    </div>
  );
}

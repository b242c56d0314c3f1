"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { alertRulesQuery, fetchJson, hostNamesQuery, silencesQuery } from "@/lib/api-client";
import { ruleName } from "@/lib/alerts/describe-rule";
import type { SilenceDto } from "@/lib/alerts/dto";
import type { SilenceMatcher } from "@/lib/alerts/silence";
import { useIsAdmin } from "../auth/current-user-provider";
import { useTranslate } from "../i18n/translate";
import { ConfirmAction } from "../ui/confirm-action";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";
import { AlertSilenceFormView } from "./alert-silence-form-view";

const BUTTON = "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** The Silences tab: those in force or to come, those past, and for admins a form and an End button. */
export function AlertSilencesView({ prefill }: { prefill: { matcher: SilenceMatcher; value: string } | null }) {
  const t = useTranslations("alerts.silences");
  const translate = useTranslate();
  const silences = useQuery(silencesQuery());
  const rules = useQuery(alertRulesQuery());
  const hosts = useQuery(hostNamesQuery());
  const isAdmin = useIsAdmin();
  const client = useQueryClient();
  const [added, setAdded] = useState<SilenceDto | null>(null);
  const end = useMutation({
    mutationFn: (id: number) => fetchJson(`/api/alerts/silences/${id}`, { method: "DELETE" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["alerts"] }),
  });
  const ruleNames = new Map((rules.data?.rules ?? []).map((r) => [r.id, ruleName(translate, r)]));
  const choices: Record<SilenceMatcher, { value: string; label: string }[]> = {
    rule: (rules.data?.rules ?? []).map((r) => ({ value: r.id, label: ruleName(translate, r) })),
    host: (hosts.data?.hosts ?? []).map((h) => ({ value: h.name, label: h.name })),
    tag: [...new Set((hosts.data?.hosts ?? []).flatMap((h) => h.tags))].sort().map((t) => ({ value: t, label: t })),
  };
  const describe = (s: SilenceDto) => (s.matcher === "rule" ? (ruleNames.get(s.value) ?? s.value) : s.value);
  const matcherWord = (s: SilenceDto) => t(`matcher.${s.matcher}`);
  const table = (list: SilenceDto[], label: string, canEnd: boolean) => (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="bg-zinc-100 text-xs text-zinc-500 uppercase dark:bg-zinc-800">
          <tr>
            <th className="px-2 py-2">{t("column.mutes")}</th>
            <th className="px-2">{t("column.from")}</th>
            <th className="px-2">{t("column.until")}</th>
            <th className="px-2">{t("column.by")}</th>
            <th className="px-2">{t("column.why")}</th>
            {canEnd && <th className="px-2" />}
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-silence={s.id}>
              <td className="px-2 py-1.5">
                <span className="text-zinc-500" data-matcher={s.matcher}>
                  {matcherWord(s)}
                </span>{" "}
                <span className="font-medium">{describe(s)}</span>
                {canEnd && !s.active && <span className="ml-2 text-xs text-zinc-500">{t("upcoming")}</span>}
              </td>
              <td className="px-2 py-1.5 text-zinc-600 dark:text-zinc-400">
                <Timestamp at={s.startsAt} seconds={false} />
              </td>
              <td className="px-2 py-1.5 text-zinc-600 dark:text-zinc-400">
                <Timestamp at={s.endsAt} seconds={false} />
              </td>
              <td className="px-2 py-1.5">{s.createdBy}</td>
              <td className="px-2 py-1.5">{s.reason}</td>
              {canEnd && (
                <td className="px-2 py-1.5 text-right">
                  <ConfirmAction
                    label={t("end")}
                    ariaLabel={t("endLabel", { matcher: matcherWord(s), value: describe(s) })}
                    question={t("endQuestion")}
                    confirmLabel={t("confirmEnd")}
                    busyLabel={t("ending")}
                    busy={end.isPending && end.variables === s.id}
                    onConfirm={() => end.mutate(s.id)}
                    buttonClassName={BUTTON}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="space-y-5">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      {isAdmin && (
        <AlertSilenceFormView
          key={prefill ? `${prefill.matcher}:${prefill.value}` : "blank"}
          choices={choices}
          prefill={prefill}
          onDone={setAdded}
        />
      )}
      {added && (
        <p className="text-sm text-emerald-700 dark:text-emerald-400" role="status">
          {t.rich("added", {
            matcher: matcherWord(added),
            value: describe(added),
            until: () => <Timestamp at={added.endsAt} seconds={false} />,
          })}
        </p>
      )}
      <QueryStatus isPending={silences.isPending} error={silences.error} loading={t("loading")} failed={t("failed")} />
      {silences.data && (
        <>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{t("current")}</h2>
            {silences.data.current.length === 0 ? (
              <p className="text-sm text-zinc-500">{t("noCurrent")}</p>
            ) : (
              table(silences.data.current, t("currentLabel"), isAdmin)
            )}
          </section>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{t("past")}</h2>
            {silences.data.past.length === 0 ? (
              <p className="text-sm text-zinc-500">{t("noPast")}</p>
            ) : (
              table(silences.data.past, t("pastLabel"), false)
            )}
          </section>
        </>
      )}
      <FormError error={end.error} />
    </div>
  );
}

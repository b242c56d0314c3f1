"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { alertRulesQuery, fetchJson, hostNamesQuery, postJson } from "@/lib/api-client";
import { describeParams, describeSeconds, describeSelector, ruleName } from "@/lib/alerts/describe-rule";
import type { AlertRuleDto } from "@/lib/alerts/dto";
import { useIsAdmin } from "../auth/current-user-provider";
import { useFormat } from "../i18n/use-format";
import { useTranslate } from "../i18n/translate";
import { ConfirmAction } from "../ui/confirm-action";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { SeverityBadge } from "../ui/severity-badge";
import { AlertRuleFormView } from "./alert-rule-form-view";

const BUTTON = "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** The Rules tab: every rule with its condition in words and its open alerts; admins switch, edit, create and delete. */
export function AlertRulesView({ initialRules }: { initialRules?: AlertRuleDto[] }) {
  const t = useTranslations("alerts.rules");
  const translate = useTranslate();
  const format = useFormat();
  const rules = useQuery({ ...alertRulesQuery(), initialData: initialRules && { rules: initialRules } });
  const hosts = useQuery(hostNamesQuery());
  const isAdmin = useIsAdmin();
  const client = useQueryClient();
  const [editing, setEditing] = useState<AlertRuleDto | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ["alerts"] });
  const toggle = useMutation({
    mutationFn: (r: AlertRuleDto) => postJson(`/api/alerts/rules/${encodeURIComponent(r.id)}`, { enabled: !r.enabled }, "PATCH"),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (r: AlertRuleDto) => fetchJson(`/api/alerts/rules/${encodeURIComponent(r.id)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  if (rules.isPending || rules.error)
    return <QueryStatus isPending={rules.isPending} error={rules.error} loading={t("loading")} failed={t("failed")} />;
  const hostList = (hosts.data?.hosts ?? []).map((h) => ({ id: h.id, name: h.name }));
  const names = new Map(hostList.map((h) => [h.id, h.name]));
  const tags = [...new Set((hosts.data?.hosts ?? []).flatMap((h) => h.tags))].sort();
  const done = (r: AlertRuleDto) => {
    setEditing(null);
    setSaved(t("saved", { name: ruleName(translate, r) }));
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-0 flex-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
        {isAdmin && editing === null && (
          <button
            type="button"
            className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900"
            onClick={() => {
              setSaved(null);
              setEditing("new");
            }}
          >
            {t("newRule")}
          </button>
        )}
      </div>
      {saved && (
        <p className="text-sm text-emerald-700 dark:text-emerald-400" role="status">
          {saved}
        </p>
      )}
      {editing !== null && (
        <AlertRuleFormView
          key={editing === "new" ? "new" : editing.id}
          rule={editing === "new" ? undefined : editing}
          hosts={hostList}
          tags={tags}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      )}
      <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="bg-zinc-100 text-xs whitespace-nowrap text-zinc-500 uppercase dark:bg-zinc-800">
            <tr>
              <th className="px-2 py-2">{t("column.on")}</th>
              <th className="px-2">{t("column.rule")}</th>
              <th className="px-2">{t("column.severity")}</th>
              <th className="px-2">{t("column.condition")}</th>
              <th className="px-2">{t("column.for")}</th>
              <th className="px-2">{t("column.hold")}</th>
              <th className="px-2">{t("column.appliesTo")}</th>
              <th className="px-2 text-right">{t("column.open")}</th>
              {isAdmin && <th className="px-2" />}
            </tr>
          </thead>
          <tbody>
            {rules.data.rules.map((r) => (
              <tr
                key={r.id}
                className={`border-t border-zinc-100 align-top dark:border-zinc-800 ${r.enabled ? "" : "text-zinc-400"}`}
                data-rule={r.id}
                data-enabled={r.enabled}
              >
                <td className="px-2 py-2">
                  {isAdmin ? (
                    <input
                      type="checkbox"
                      aria-label={t("enabledLabel", { name: ruleName(translate, r) })}
                      checked={r.enabled}
                      disabled={toggle.isPending}
                      onChange={() => toggle.mutate(r)}
                    />
                  ) : (
                    <span className="text-xs">{r.enabled ? t("on") : t("off")}</span>
                  )}
                </td>
                <td className="px-2 py-2">
                  <div className="font-medium">{ruleName(translate, r)}</div>
                  <div className="text-xs text-zinc-500">
                    <code>{r.id}</code> · {r.kind}
                    {r.builtin && t("builtIn")}
                  </div>
                </td>
                <td className="px-2 py-2">
                  <SeverityBadge severity={r.severity} />
                </td>
                <td className="px-2 py-2" data-field="condition">
                  {describeParams(translate, r)}
                </td>
                <td className="px-2 py-2 whitespace-nowrap">{describeSeconds(format, r.forSeconds, t("atOnce"))}</td>
                <td className="px-2 py-2 whitespace-nowrap">{describeSeconds(format, r.holdSeconds, t("none"))}</td>
                <td className="px-2 py-2">
                  {describeSelector(translate, r.selector, (id) => names.get(id) ?? t("hostId", { id: String(id) }))}
                </td>
                <td className="px-2 py-2 text-right whitespace-nowrap" data-field="open">
                  {r.open.firing + r.open.pending === 0 ? (
                    <span className="text-zinc-400">—</span>
                  ) : (
                    <>
                      {r.open.firing > 0 && (
                        <span className="font-medium text-red-700 dark:text-red-400">{t("openFiring", { count: r.open.firing })}</span>
                      )}
                      {r.open.firing > 0 && r.open.pending > 0 && ", "}
                      {r.open.pending > 0 && (
                        <span className="text-amber-700 dark:text-amber-400">{t("openPending", { count: r.open.pending })}</span>
                      )}
                    </>
                  )}
                </td>
                {isAdmin && (
                  <td className="space-x-2 px-2 py-2 text-right whitespace-nowrap">
                    <button
                      type="button"
                      className={BUTTON}
                      aria-label={t("editLabel", { name: ruleName(translate, r) })}
                      onClick={() => {
                        setSaved(null);
                        setEditing(r);
                      }}
                    >
                      {t("edit")}
                    </button>
                    {!r.builtin && (
                      <ConfirmAction
                        label={t("delete")}
                        ariaLabel={t("deleteLabel", { name: ruleName(translate, r) })}
                        question={t("deleteQuestion", { name: ruleName(translate, r) })}
                        confirmLabel={t("confirmDelete")}
                        busyLabel={t("deleting")}
                        busy={remove.isPending && remove.variables?.id === r.id}
                        onConfirm={() => remove.mutate(r)}
                        buttonClassName={`${BUTTON} text-red-700 dark:text-red-400`}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError error={toggle.error ?? remove.error} />
    </div>
  );
}

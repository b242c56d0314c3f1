"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { alertRulesQuery, postJson } from "@/lib/api-client";
import { ruleKindLabel } from "@/lib/alerts/describe-rule";
import type { AlertRuleDto } from "@/lib/alerts/dto";
import { ALERT_RULE_KINDS, ALERT_SEVERITIES, type AlertRuleKind, type AlertSeverity } from "@/lib/alerts/rule";
import { useTranslate } from "../i18n/translate";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";
import { AlertRuleParams, alertRuleParamsText, alertRuleParamsValue } from "./alert-rule-params";

const SELECT = "mt-1 block rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";
const CHOICES = "mt-1 flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto rounded border border-zinc-200 p-2 dark:border-zinc-800";

interface Props {
  /** The rule to edit; a new rule when absent. */
  rule?: AlertRuleDto;
  hosts: { id: number; name: string }[];
  tags: string[];
  onDone: (rule: AlertRuleDto) => void;
  onCancel: () => void;
}

/** Creates a rule or edits one: its kind's parameters, severity, for, hold and the hosts it applies to. */
export function AlertRuleFormView({ rule, hosts, tags, onDone, onCancel }: Props) {
  const t = useTranslations("alerts");
  const translate = useTranslate();
  const client = useQueryClient();
  const [name, setName] = useState(rule?.name ?? "");
  const [kind, setKind] = useState<AlertRuleKind>(rule?.kind ?? "time-wait");
  const [severity, setSeverity] = useState<AlertSeverity>(rule?.severity ?? "warning");
  const [forSeconds, setForSeconds] = useState(String(rule?.forSeconds ?? 60));
  const [holdSeconds, setHoldSeconds] = useState(String(rule?.holdSeconds ?? 300));
  const [params, setParams] = useState(alertRuleParamsText(kind, rule?.params));
  const [selHosts, setSelHosts] = useState<number[]>(rule?.selector.hosts ?? []);
  const [selTags, setSelTags] = useState<string[]>(rule?.selector.tags ?? []);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        severity,
        forSeconds: Number(forSeconds),
        holdSeconds: Number(holdSeconds),
        params: alertRuleParamsValue(kind, params),
        selector: { hosts: selHosts, tags: selTags },
      };
      return rule
        ? postJson<AlertRuleDto>(`/api/alerts/rules/${encodeURIComponent(rule.id)}`, body, "PATCH")
        : postJson<AlertRuleDto>("/api/alerts/rules", { ...body, kind });
    },
    onSuccess: (saved) => {
      // The list shows the saved rule with the message that it was saved, before the refetch lands.
      client.setQueryData(
        alertRulesQuery().queryKey,
        (old) =>
          old && {
            rules: old.rules.some((r) => r.id === saved.id) ? old.rules.map((r) => (r.id === saved.id ? saved : r)) : [...old.rules, saved],
          },
      );
      void client.invalidateQueries({ queryKey: ["alerts"] });
      onDone(saved);
    },
  });
  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  return (
    <RequestForm
      className="max-w-xl space-y-3 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={() => save.mutate()}
    >
      <h2 className="text-lg font-semibold">{rule ? t("ruleForm.editTitle", { name: rule.name }) : t("ruleForm.newTitle")}</h2>
      {rule?.builtin && <p className="text-xs text-zinc-500">{t("ruleForm.builtin")}</p>}
      <Field label={t("ruleForm.name")} value={name} onChange={(e) => setName(e.target.value)} required />
      <label className="block text-sm">
        <span className="font-medium">{t("ruleForm.kind")}</span>
        <select
          value={kind}
          disabled={!!rule}
          onChange={(e) => {
            const k = e.target.value as AlertRuleKind;
            setKind(k);
            setParams(alertRuleParamsText(k));
          }}
          className={SELECT}
        >
          {ALERT_RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}: {ruleKindLabel(translate, k)}
            </option>
          ))}
        </select>
      </label>
      <AlertRuleParams kind={kind} text={params} onChange={setParams} />
      <div className="flex flex-wrap gap-4">
        <label className="block text-sm">
          <span className="font-medium">{t("ruleForm.severity")}</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as AlertSeverity)} className={SELECT}>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <Field
          label={t("ruleForm.forSeconds")}
          hint={t("ruleForm.forHint")}
          inputMode="numeric"
          value={forSeconds}
          onChange={(e) => setForSeconds(e.target.value)}
        />
        <Field
          label={t("ruleForm.holdSeconds")}
          hint={t("ruleForm.holdHint")}
          inputMode="numeric"
          value={holdSeconds}
          onChange={(e) => setHoldSeconds(e.target.value)}
        />
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">{t("ruleForm.appliesTo")}</legend>
        <p className="text-xs text-zinc-500">{t("ruleForm.appliesToHint")}</p>
        {tags.length > 0 && (
          <div className={CHOICES} aria-label={t("ruleForm.tags")}>
            {tags.map((tag) => (
              <label key={tag} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={selTags.includes(tag)}
                  onChange={(e) => setSelTags(toggle(selTags, tag, e.target.checked))}
                />
                {t("ruleForm.tag", { tag })}
              </label>
            ))}
          </div>
        )}
        <div className={CHOICES} aria-label={t("ruleForm.hosts")}>
          {hosts.map((h) => (
            <label key={h.id} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={selHosts.includes(h.id)}
                onChange={(e) => setSelHosts(toggle(selHosts, h.id, e.target.checked))}
              />
              {h.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton pending={save.isPending} pendingLabel={t("ruleForm.saving")}>
          {rule ? t("ruleForm.save") : t("ruleForm.create")}
        </SubmitButton>
        <button type="button" className="text-sm underline" onClick={onCancel}>
          {t("ruleForm.cancel")}
        </button>
      </div>
      <FormError error={save.error} />
    </RequestForm>
  );
}

import { useTranslations } from "next-intl";
import { ALERT_SEVERITIES, RULE_PARAMS, type AlertRuleKind } from "@/lib/alerts/rule";
import { HOST_STATUSES } from "@/lib/types";
import { useTranslate } from "../i18n/translate";
import { Field } from "../ui/field";

/** A rule's parameters as the form holds them: text for numbers (empty for "not set"), lists for statuses. */
export type AlertRuleParamsText = Record<string, string | string[]>;

/** A parameter's field; its label (and hint) are `alerts.params.<kind>.<key>` (and `…Hint`) in the catalogue. */
type ParamField =
  { key: string; kind: "number"; hint?: true; nullable?: boolean } | { key: string; kind: "severity" } | { key: string; kind: "statuses" };

const FIELDS: Record<AlertRuleKind, ParamField[]> = {
  finding: [{ key: "minSeverity", kind: "severity" }],
  "time-wait": [
    { key: "count", kind: "number", hint: true, nullable: true },
    { key: "percentOfBuckets", kind: "number", hint: true, nullable: true },
  ],
  "port-use": [{ key: "percent", kind: "number" }],
  "connect-rate": [{ key: "percent", kind: "number" }],
  "tw-overflow": [],
  conntrack: [{ key: "percent", kind: "number" }],
  "host-unreachable": [{ key: "statuses", kind: "statuses" }],
  "host-stale": [],
  "host-key-mismatch": [],
};

// What host-unreachable accepts (RULE_PARAMS excludes ok, pending and the host-key states).
const UNREACHABLE_STATUSES = HOST_STATUSES.filter((s) => !["ok", "pending", "host-key-mismatch", "host-key-unknown"].includes(s));

/** The kind's defaults as form text; time-wait has none that pass alone, so it starts at 80 % of the buckets. */
export function alertRuleParamsText(kind: AlertRuleKind, params?: Record<string, unknown>): AlertRuleParamsText {
  const parsed = RULE_PARAMS[kind].safeParse({});
  const source: Record<string, unknown> = params ?? (parsed.success ? parsed.data : { count: null, percentOfBuckets: 80 });
  return Object.fromEntries(
    FIELDS[kind].map((f) => {
      const v = source[f.key];
      return [f.key, Array.isArray(v) ? v.map(String) : v == null ? "" : String(v)];
    }),
  );
}

/** The form's text as the API takes it; the server checks it against the kind (a number out of range comes back as its error). */
export function alertRuleParamsValue(kind: AlertRuleKind, text: AlertRuleParamsText): Record<string, unknown> {
  return Object.fromEntries(
    FIELDS[kind].map((f) => {
      const v = text[f.key] ?? "";
      if (f.kind !== "number") return [f.key, v];
      const s = String(v).trim();
      return [f.key, s === "" ? (f.nullable ? null : undefined) : Number(s)];
    }),
  );
}

/** The parameter fields of one rule kind. */
export function AlertRuleParams({
  kind,
  text,
  onChange,
}: {
  kind: AlertRuleKind;
  text: AlertRuleParamsText;
  onChange: (text: AlertRuleParamsText) => void;
}) {
  const t = useTranslations("alerts.params");
  const translate = useTranslate();
  const fields = FIELDS[kind];
  if (fields.length === 0) return <p className="text-sm text-zinc-500">{t("none")}</p>;
  const label = (f: ParamField) => translate(`alerts.params.${kind}.${f.key}`);
  const set = (key: string, v: string | string[]) => onChange({ ...text, [key]: v });
  return (
    <div className="space-y-3">
      {fields.map((f) => {
        const value = text[f.key] ?? "";
        if (f.kind === "number")
          return (
            <Field
              key={f.key}
              label={label(f)}
              hint={f.hint ? translate(`alerts.params.${kind}.${f.key}Hint`) : undefined}
              inputMode="decimal"
              value={String(value)}
              onChange={(e) => set(f.key, e.target.value)}
            />
          );
        if (f.kind === "severity")
          return (
            <label key={f.key} className="block text-sm">
              <span className="font-medium">{label(f)}</span>
              <select
                value={String(value)}
                onChange={(e) => set(f.key, e.target.value)}
                className="mt-1 block rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
              >
                {ALERT_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s === "warning" ? t("warningOrWorse") : t("criticalOnly")}
                  </option>
                ))}
              </select>
            </label>
          );
        const chosen = Array.isArray(value) ? value : [];
        return (
          <fieldset key={f.key} className="text-sm">
            <legend className="font-medium">{label(f)}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {UNREACHABLE_STATUSES.map((s) => (
                <label key={s} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={chosen.includes(s)}
                    onChange={(e) => set(f.key, e.target.checked ? [...chosen, s] : chosen.filter((c) => c !== s))}
                  />
                  {s}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { SilenceDto } from "@/lib/alerts/dto";
import { SILENCE_MATCHERS, type SilenceMatcher } from "@/lib/alerts/silence";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";

const SELECT = "mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";
// Each preset's words are `alerts.silenceForm.preset.<key>`.
const PRESETS = [
  { key: "h1", ms: 3_600_000 },
  { key: "h4", ms: 4 * 3_600_000 },
  { key: "d1", ms: 86_400_000 },
] as const;

interface Props {
  /** What can be silenced: rules by id (shown with their names), hosts by name, tags. */
  choices: Record<SilenceMatcher, { value: string; label: string }[]>;
  /** Filled in ahead by an alert's "Silence" action. */
  prefill: { matcher: SilenceMatcher; value: string } | null;
  onDone: (silence: SilenceDto) => void;
}

/** Mutes alerts of a rule, a host or a tag until a moment, with a reason: they keep their state but notify nobody. */
export function AlertSilenceFormView({ choices, prefill, onDone }: Props) {
  const t = useTranslations("alerts.silenceForm");
  const client = useQueryClient();
  const [matcher, setMatcher] = useState<SilenceMatcher>(prefill?.matcher ?? "host");
  const [value, setValue] = useState(prefill?.value ?? "");
  const [preset, setPreset] = useState<number | "custom">(PRESETS[0].ms);
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const options = choices[matcher];
  const add = useMutation({
    mutationFn: () => {
      const endsAt = preset === "custom" ? new Date(until).getTime() : Date.now() + preset;
      return postJson<SilenceDto>("/api/alerts/silences", { matcher, value, endsAt: Number.isFinite(endsAt) ? endsAt : 0, reason });
    },
    onSuccess: (s) => {
      setReason("");
      void client.invalidateQueries({ queryKey: ["alerts"] });
      onDone(s);
    },
  });
  return (
    <RequestForm
      className="max-w-xl space-y-3 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={() => add.mutate()}
    >
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">{t("silence")}</span>
          <select
            value={matcher}
            onChange={(e) => {
              setMatcher(e.target.value as SilenceMatcher);
              setValue("");
            }}
            className={SELECT}
          >
            {SILENCE_MATCHERS.map((m) => (
              <option key={m} value={m}>
                {t(`matcher.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t(`value.${matcher}`)}</span>
          <select value={value} onChange={(e) => setValue(e.target.value)} className={SELECT} required>
            <option value="">{t("choose")}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
          </select>
        </label>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">{t("for")}</legend>
        <div className="mt-1 flex flex-wrap items-center gap-4">
          {PRESETS.map((p) => (
            <label key={p.key} className="flex items-center gap-1">
              <input type="radio" name="silence-for" checked={preset === p.ms} onChange={() => setPreset(p.ms)} />
              {t(`preset.${p.key}`)}
            </label>
          ))}
          <label className="flex items-center gap-1">
            <input type="radio" name="silence-for" checked={preset === "custom"} onChange={() => setPreset("custom")} />
            {t("untilChoice")}
          </label>
        </div>
      </fieldset>
      {preset === "custom" && (
        <Field label={t("until")} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} required />
      )}
      <Field label={t("reason")} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("reasonPlaceholder")} />
      <SubmitButton pending={add.isPending} pendingLabel={t("silencing")} disabled={!value}>
        {t("submit")}
      </SubmitButton>
      <FormError error={add.error} />
    </RequestForm>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { SilenceDto } from "@/lib/alerts/dto";
import { SILENCE_MATCHERS, type SilenceMatcher } from "@/lib/alerts/silence";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";

const SELECT = "mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";
const PRESETS = [
  { label: "1 h", ms: 3_600_000 },
  { label: "4 h", ms: 4 * 3_600_000 },
  { label: "1 d", ms: 86_400_000 },
] as const;
const MATCHER_LABEL: Record<SilenceMatcher, string> = { rule: "one rule", host: "one host", tag: "hosts with a tag" };

interface Props {
  /** What can be silenced: rules by id (shown with their names), hosts by name, tags. */
  choices: Record<SilenceMatcher, { value: string; label: string }[]>;
  /** Filled in ahead by an alert's "Silence" action. */
  prefill: { matcher: SilenceMatcher; value: string } | null;
  onDone: (silence: SilenceDto) => void;
}

/** Mutes alerts of a rule, a host or a tag until a moment, with a reason: they keep their state but notify nobody. */
export function AlertSilenceFormView({ choices, prefill, onDone }: Props) {
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
      <h2 className="text-lg font-semibold">New silence</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">Silence</span>
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
                {MATCHER_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{matcher === "rule" ? "Rule" : matcher === "host" ? "Host" : "Tag"}</span>
          <select value={value} onChange={(e) => setValue(e.target.value)} className={SELECT} required>
            <option value="">choose…</option>
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
        <legend className="font-medium">For</legend>
        <div className="mt-1 flex flex-wrap items-center gap-4">
          {PRESETS.map((p) => (
            <label key={p.label} className="flex items-center gap-1">
              <input type="radio" name="silence-for" checked={preset === p.ms} onChange={() => setPreset(p.ms)} />
              {p.label}
            </label>
          ))}
          <label className="flex items-center gap-1">
            <input type="radio" name="silence-for" checked={preset === "custom"} onChange={() => setPreset("custom")} />
            until…
          </label>
        </div>
      </fieldset>
      {preset === "custom" && (
        <Field label="Until (your time zone)" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} required />
      )}
      <Field label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="draining the pool for a deploy" />
      <SubmitButton pending={add.isPending} pendingLabel="Silencing…" disabled={!value}>
        Silence
      </SubmitButton>
      <FormError error={add.error} />
    </RequestForm>
  );
}

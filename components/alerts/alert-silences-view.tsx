"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { alertRulesQuery, fetchJson, hostNamesQuery, silencesQuery } from "@/lib/api-client";
import type { SilenceDto } from "@/lib/alerts/dto";
import type { SilenceMatcher } from "@/lib/alerts/silence";
import { useIsAdmin } from "../auth/current-user-provider";
import { ConfirmAction } from "../ui/confirm-action";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { Timestamp } from "../ui/timestamp";
import { AlertSilenceFormView } from "./alert-silence-form-view";

const BUTTON = "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** The Silences tab: those in force or to come, those past, and for admins a form and an End button. */
export function AlertSilencesView({ prefill }: { prefill: { matcher: SilenceMatcher; value: string } | null }) {
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
  const ruleName = new Map((rules.data?.rules ?? []).map((r) => [r.id, r.name]));
  const choices: Record<SilenceMatcher, { value: string; label: string }[]> = {
    rule: (rules.data?.rules ?? []).map((r) => ({ value: r.id, label: r.name })),
    host: (hosts.data?.hosts ?? []).map((h) => ({ value: h.name, label: h.name })),
    tag: [...new Set((hosts.data?.hosts ?? []).flatMap((h) => h.tags))].sort().map((t) => ({ value: t, label: t })),
  };
  const describe = (s: SilenceDto) => (s.matcher === "rule" ? (ruleName.get(s.value) ?? s.value) : s.value);
  const table = (list: SilenceDto[], label: string, canEnd: boolean) => (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="bg-zinc-100 text-xs text-zinc-500 uppercase dark:bg-zinc-800">
          <tr>
            <th className="px-2 py-2">Mutes</th>
            <th className="px-2">From</th>
            <th className="px-2">Until</th>
            <th className="px-2">By</th>
            <th className="px-2">Why</th>
            {canEnd && <th className="px-2" />}
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-silence={s.id}>
              <td className="px-2 py-1.5">
                <span className="text-zinc-500">{s.matcher}</span> <span className="font-medium">{describe(s)}</span>
                {canEnd && !s.active && <span className="ml-2 text-xs text-zinc-500">(upcoming)</span>}
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
                    label="End"
                    ariaLabel={`End the silence of ${s.matcher} ${describe(s)}`}
                    question="End this silence now? What it mutes notifies again."
                    confirmLabel="Yes, end it"
                    busyLabel="Ending…"
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
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A silenced alert keeps its state and shows here and on the Now tab, but no notification is sent for it.
      </p>
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
          Silenced {added.matcher} {describe(added)} until <Timestamp at={added.endsAt} seconds={false} />.
        </p>
      )}
      <QueryStatus isPending={silences.isPending} error={silences.error} loading="Loading silences…" failed="Cannot load silences" />
      {silences.data && (
        <>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">Current and upcoming</h2>
            {silences.data.current.length === 0 ? (
              <p className="text-sm text-zinc-500">No silence is in force.</p>
            ) : (
              table(silences.data.current, "Current silences", isAdmin)
            )}
          </section>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">Past</h2>
            {silences.data.past.length === 0 ? (
              <p className="text-sm text-zinc-500">None yet.</p>
            ) : (
              table(silences.data.past, "Past silences", false)
            )}
          </section>
        </>
      )}
      <FormError error={end.error} />
    </div>
  );
}

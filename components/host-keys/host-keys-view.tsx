"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useState } from "react";
import { hostKeysQuery, postJson } from "@/lib/api-client";
import type { HostKeysDto, KeysTrustResultDto, UntrustedHostDto } from "@/lib/host/host-keys-dto";
import { ConfirmAction } from "../ui/confirm-action";
import { CopyButton } from "../ui/copy-button";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { TimeAgo } from "../ui/time-ago";

const BUTTON = "rounded bg-zinc-900 px-3 py-1.5 text-sm text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900";
/** How long after asking for keys the list refreshes every 2 s. */
const FETCH_WATCH_MS = 60_000;

/** A fingerprint line as `ssh-keygen -lf` prints one, with twscope's host name and where it connects. */
const keyLine = (h: UntrustedHostDto) => `${h.seenFingerprint} ${h.name} (${h.address}:${h.port})`;

/**
 * Host keys to confirm, many at once: the hosts waiting for a first key with the fingerprints they
 * presented (in `ssh-keygen -lf` form, to compare with the hosts' own), fetched on request, trusted
 * together once compared; hosts whose key changed are listed apart, to be confirmed one by one.
 */
export function HostKeysView({ initial }: { initial: HostKeysDto }) {
  const t = useTranslations("hostKeys");
  const client = useQueryClient();
  // For a minute after asking for keys, the list refreshes every 2 s.
  const [watching, setWatching] = useState(0);
  useEffect(() => {
    if (!watching) return;
    const stop = setTimeout(() => setWatching(0), FETCH_WATCH_MS);
    return () => clearTimeout(stop);
  }, [watching]);
  const keys = useQuery({ ...hostKeysQuery(watching > 0), initialData: initial });
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const fetchKeys = useMutation({
    mutationFn: () => postJson<{ requested: number }>("/api/hosts/keys/fetch", {}),
    onSuccess: () => setWatching((n) => n + 1),
  });
  const trust = useMutation({
    mutationFn: (hosts: { id: number; fingerprint: string }[]) => postJson<KeysTrustResultDto>("/api/hosts/keys/trust", { hosts }),
    onSuccess: () => {
      setPicked(new Set());
      void client.invalidateQueries({ queryKey: ["host-keys"] });
    },
  });
  if (!keys.data) return <QueryStatus isPending={keys.isPending} error={keys.error} loading={t("loading")} failed={t("failed")} />;
  const { waiting, changed } = keys.data;
  const withKey = waiting.filter((h) => h.seenFingerprint);
  const chosen = withKey.filter((h) => picked.has(h.id));
  const toggle = (id: number) => setPicked((p) => new Set(p.has(id) ? [...p].filter((x) => x !== id) : [...p, id]));
  const lines = withKey.map(keyLine).join("\n");

  return (
    <section className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="space-y-3">
        <h2 className="text-lg font-medium">{t("waiting", { count: waiting.length })}</h2>
        {waiting.length === 0 ? (
          <p className="text-sm text-zinc-500">{t("allTrusted")}</p>
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.rich("compare", { code: (c) => <code>{c}</code> })}</p>
            <div className="flex flex-wrap items-center gap-2">
              <button type="button" className={BUTTON} disabled={fetchKeys.isPending} onClick={() => fetchKeys.mutate()}>
                {fetchKeys.isPending ? t("asking") : t("fetch")}
              </button>
              <span className="text-sm text-zinc-500" role="status">
                {fetchKeys.data
                  ? t("asked", { requested: fetchKeys.data.requested, fetched: withKey.length, waiting: waiting.length })
                  : t("fetched", { fetched: withKey.length, waiting: waiting.length })}
              </span>
            </div>
            <FormError error={fetchKeys.error} />
            {lines && (
              <div className="space-y-1">
                <div className="flex items-center justify-between text-xs text-zinc-500">
                  <span>{t("asPrinted")}</span>
                  <CopyButton text={`${lines}\n`} label={t("copy")} />
                </div>
                <pre className="overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900" data-testid="key-lines">
                  {lines}
                </pre>
              </div>
            )}
            <KeysTable
              hosts={waiting}
              picked={picked}
              onToggle={toggle}
              onAll={(on) => setPicked(new Set(on ? withKey.map((h) => h.id) : []))}
            />
            {chosen.length === 0 ? (
              <button type="button" className={BUTTON} disabled>
                {t("pickFirst")}
              </button>
            ) : (
              <ConfirmAction
                label={t("trust", { count: chosen.length })}
                question={t("trustQuestion", { count: chosen.length })}
                confirmLabel={t("trustConfirm", { count: chosen.length })}
                busyLabel={t("trusting")}
                busy={trust.isPending}
                onConfirm={() => trust.mutate(chosen.map((h) => ({ id: h.id, fingerprint: h.seenFingerprint! })))}
                buttonClassName={BUTTON}
              />
            )}
          </>
        )}
        <FormError error={trust.error} />
        {trust.data && <TrustOutcome result={trust.data} />}
      </div>
      {changed.length > 0 && (
        <div className="space-y-2">
          <h2 className="text-lg font-medium">{t("changed", { count: changed.length })}</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("changedIntro")}</p>
          <ul className="list-disc pl-5 text-sm" aria-label={t("changedList")}>
            {changed.map((h) => (
              <li key={h.id}>
                {t.rich("nowPresents", {
                  fingerprint: h.seenFingerprint ?? "",
                  host: () => (
                    <Link className="underline" href={`/hosts/${h.id}`}>
                      {h.name}
                    </Link>
                  ),
                  code: (c) => <code className="text-xs">{c}</code>,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function KeysTable({
  hosts,
  picked,
  onToggle,
  onAll,
}: {
  hosts: UntrustedHostDto[];
  picked: Set<number>;
  onToggle: (id: number) => void;
  onAll: (on: boolean) => void;
}) {
  const t = useTranslations("hostKeys.table");
  const withKey = hosts.filter((h) => h.seenFingerprint);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={t("label")}>
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-1 pr-2">
              <input
                type="checkbox"
                aria-label={t("pickAll")}
                checked={withKey.length > 0 && withKey.every((h) => picked.has(h.id))}
                onChange={(e) => onAll(e.target.checked)}
              />
            </th>
            <th className="py-1 pr-3">{t("host")}</th>
            <th className="py-1 pr-3">{t("address")}</th>
            <th className="py-1">{t("fingerprint")}</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} data-host={h.name} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1.5 pr-2">
                {h.seenFingerprint && (
                  <input
                    type="checkbox"
                    aria-label={t("pick", { name: h.name })}
                    checked={picked.has(h.id)}
                    onChange={() => onToggle(h.id)}
                  />
                )}
              </td>
              <td className="py-1.5 pr-3">
                <Link className="underline" href={`/hosts/${h.id}`}>
                  {h.name}
                </Link>
              </td>
              <td className="py-1.5 pr-3 font-mono text-xs whitespace-nowrap">
                {h.address}:{h.port}
              </td>
              <td className="py-1.5 font-mono text-xs break-all">
                {h.seenFingerprint ? (
                  <>
                    {h.seenFingerprint} <TimeAgo at={h.lastPollAt} className="font-sans text-zinc-500" />
                  </>
                ) : (
                  <span className="font-sans text-zinc-500">
                    {h.lastError ? t("notFetched", { error: h.lastError }) : t("notFetchedYet")}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrustOutcome({ result }: { result: KeysTrustResultDto }) {
  const t = useTranslations("hostKeys");
  return (
    <div className="space-y-1 text-sm" role="status" data-testid="trust-outcome">
      {result.trusted.length > 0 && (
        <p>{t("trusted", { count: result.trusted.length, names: result.trusted.map((h) => h.name).join(", ") })}</p>
      )}
      {result.refused.map((r) => (
        <p key={r.id} className="text-red-600">
          {t("refused", { name: r.name, reason: r.reason })}
        </p>
      ))}
    </div>
  );
}

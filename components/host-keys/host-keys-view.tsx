"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { hostKeysQuery, postJson } from "@/lib/api-client";
import type { HostKeysDto, KeysTrustResultDto, UntrustedHostDto } from "@/lib/host/host-keys-dto";
import { ConfirmAction } from "../ui/confirm-action";
import { CopyButton } from "../ui/copy-button";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { TimeAgo } from "../ui/time-ago";
import { countOf } from "@/lib/format/number";

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
  if (!keys.data)
    return <QueryStatus isPending={keys.isPending} error={keys.error} loading="Loading host keys…" failed="Cannot load host keys" />;
  const { waiting, changed } = keys.data;
  const withKey = waiting.filter((h) => h.seenFingerprint);
  const chosen = withKey.filter((h) => picked.has(h.id));
  const toggle = (id: number) => setPicked((p) => new Set(p.has(id) ? [...p].filter((x) => x !== id) : [...p, id]));
  const lines = withKey.map(keyLine).join("\n");

  return (
    <section className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Host keys to confirm</h1>
      <div className="space-y-3">
        <h2 className="text-lg font-medium">Waiting for a first key ({waiting.length})</h2>
        {waiting.length === 0 ? (
          <p className="text-sm text-zinc-500">Every SSH host has a trusted key.</p>
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              twscope does not log in to these hosts until their keys are trusted. Compare each fingerprint with the host&apos;s own, read
              over a path you trust: on the host, <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>; or from a network you
              trust, <code>ssh-keyscan -p PORT ADDRESS | ssh-keygen -lf -</code>.
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <button type="button" className={BUTTON} disabled={fetchKeys.isPending} onClick={() => fetchKeys.mutate()}>
                {fetchKeys.isPending ? "Asking…" : "Fetch keys"}
              </button>
              <span className="text-sm text-zinc-500" role="status">
                {fetchKeys.data
                  ? `Asked ${countOf(fetchKeys.data.requested, "host")} for ${fetchKeys.data.requested === 1 ? "its key" : "their keys"}; ${countOf(withKey.length, "key")} of ${waiting.length} fetched so far.`
                  : `${countOf(withKey.length, "key")} of ${waiting.length} fetched.`}
              </span>
            </div>
            <FormError error={fetchKeys.error} />
            {lines && (
              <div className="space-y-1">
                <div className="flex items-center justify-between text-xs text-zinc-500">
                  <span>As ssh-keygen -lf prints them</span>
                  <CopyButton text={`${lines}\n`} label="Copy fingerprints" />
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
                Pick the keys you compared
              </button>
            ) : (
              <ConfirmAction
                label={`Trust ${countOf(chosen.length, "key")}`}
                question={`Trust these ${countOf(chosen.length, "key")}? twscope then logs in to these hosts, and refuses to if a key ever changes.`}
                confirmLabel={`Yes, trust ${countOf(chosen.length, "key")}`}
                busyLabel="Trusting…"
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
          <h2 className="text-lg font-medium">Keys that changed ({changed.length})</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            A changed key may be a reinstalled host or someone in the middle: each is confirmed on its own page, never in a batch.
          </p>
          <ul className="list-disc pl-5 text-sm" aria-label="Keys that changed">
            {changed.map((h) => (
              <li key={h.id}>
                <Link className="underline" href={`/hosts/${h.id}`}>
                  {h.name}
                </Link>{" "}
                now presents <code className="text-xs">{h.seenFingerprint}</code>
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
  const withKey = hosts.filter((h) => h.seenFingerprint);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Hosts waiting for a first key">
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-1 pr-2">
              <input
                type="checkbox"
                aria-label="Pick every fetched key"
                checked={withKey.length > 0 && withKey.every((h) => picked.has(h.id))}
                onChange={(e) => onAll(e.target.checked)}
              />
            </th>
            <th className="py-1 pr-3">Host</th>
            <th className="py-1 pr-3">Address</th>
            <th className="py-1">Fingerprint</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} data-host={h.name} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1.5 pr-2">
                {h.seenFingerprint && (
                  <input type="checkbox" aria-label={`Pick ${h.name}`} checked={picked.has(h.id)} onChange={() => onToggle(h.id)} />
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
                  <span className="font-sans text-zinc-500">{h.lastError ? `not fetched: ${h.lastError}` : "not fetched yet"}</span>
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
  return (
    <div className="space-y-1 text-sm" role="status" data-testid="trust-outcome">
      {result.trusted.length > 0 && (
        <p>
          Trusted {countOf(result.trusted.length, "key")}: {result.trusted.map((h) => h.name).join(", ")}. Their polls start now.
        </p>
      )}
      {result.refused.map((r) => (
        <p key={r.id} className="text-red-600">
          {r.name}: not trusted, {r.reason}
        </p>
      ))}
    </div>
  );
}

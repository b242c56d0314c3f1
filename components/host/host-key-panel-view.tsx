"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { HostDetailDto } from "@/lib/dto";
import { postJson } from "@/lib/api-client";
import { useIsAdmin } from "@/components/auth/current-user-provider";
import { ConfirmAction } from "../ui/confirm-action";

/** Shows a changed or untrusted host key side by side with the pinned one, and trusts it on an explicit click. */
export function HostKeyPanelView({ host }: { host: HostDetailDto }) {
  const queryClient = useQueryClient();
  const isAdmin = useIsAdmin();
  const trust = useMutation({
    mutationFn: (fingerprint: string) => postJson(`/api/hosts/${host.id}/trust`, { fingerprint }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["host", host.id] }),
  });
  if (host.transport !== "ssh") return null;
  const needsTrust = (host.status === "host-key-mismatch" || host.status === "host-key-unknown") && host.seenFingerprint;
  return (
    <section
      className={`rounded border p-3 text-sm ${needsTrust ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950" : "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"}`}
    >
      <h2 className="font-medium">Host key</h2>
      <p>
        Pinned:{" "}
        <code className="font-mono text-xs break-all" data-testid="pinned-fingerprint">
          {host.hostKeyFingerprint ?? "none"}
        </code>
      </p>
      {needsTrust && (
        <>
          <p>
            Presented now:{" "}
            <code className="font-mono text-xs break-all" data-testid="seen-fingerprint">
              {host.seenFingerprint}
            </code>
          </p>
          <p className="my-2 text-xs">
            {host.status === "host-key-mismatch"
              ? "The host presents a different key than the one pinned. This happens after a reinstall or key rotation, and also when someone intercepts the connection. Check the new key on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting it."
              : "No key is trusted for this host yet. Check it on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting it."}
          </p>
          {isAdmin ? (
            <ConfirmAction
              label="Trust the presented key"
              busy={trust.isPending}
              busyLabel="Trusting…"
              confirmLabel="Yes, trust this key"
              question={
                <>
                  Trust <code className="font-mono break-all">{host.seenFingerprint}</code>? From now on twscope logs in to {host.name} only
                  if it presents this key. Check it on the host first.
                </>
              }
              onConfirm={() => trust.mutate(host.seenFingerprint!)}
              buttonClassName="rounded bg-red-700 px-3 py-1.5 text-white hover:bg-red-600 disabled:opacity-50"
            />
          ) : (
            <p className="text-xs">An admin can trust it once it is checked.</p>
          )}
          {trust.error && (
            <p className="mt-2 text-red-700" role="alert">
              {trust.error.message}
            </p>
          )}
        </>
      )}
      {trust.isSuccess && !needsTrust && (
        <p className="mt-1 text-xs text-emerald-700 dark:text-emerald-300" role="status">
          Key trusted; the next poll uses it.{host.current ? " Earlier samples and figures are kept." : ""}
        </p>
      )}
    </section>
  );
}

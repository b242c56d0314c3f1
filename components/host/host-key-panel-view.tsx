"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { HostDetailDto } from "@/lib/dto";
import { postJson } from "@/lib/api-client";
import { useIsAdmin } from "@/components/auth/current-user-provider";
import { ConfirmAction } from "../ui/confirm-action";

/** Shows a changed or untrusted host key side by side with the pinned one, and trusts it on an explicit click. */
export function HostKeyPanelView({ host }: { host: HostDetailDto }) {
  const t = useTranslations("hostForms.hostKey");
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
      <h2 className="font-medium">{t("title")}</h2>
      <p>
        {t("pinned")}{" "}
        <code className="font-mono text-xs break-all" data-testid="pinned-fingerprint">
          {host.hostKeyFingerprint ?? t("none")}
        </code>
      </p>
      {needsTrust && (
        <>
          <p>
            {t("presented")}{" "}
            <code className="font-mono text-xs break-all" data-testid="seen-fingerprint">
              {host.seenFingerprint}
            </code>
          </p>
          <p className="my-2 text-xs">{host.status === "host-key-mismatch" ? t("mismatch") : t("unknown")}</p>
          {isAdmin ? (
            <ConfirmAction
              label={t("trust")}
              busy={trust.isPending}
              busyLabel={t("trusting")}
              confirmLabel={t("confirm")}
              question={t.rich("question", {
                fingerprint: host.seenFingerprint ?? "",
                name: host.name,
                code: (chunks) => <code className="font-mono break-all">{chunks}</code>,
              })}
              onConfirm={() => trust.mutate(host.seenFingerprint!)}
              buttonClassName="rounded bg-red-700 px-3 py-1.5 text-white hover:bg-red-600 disabled:opacity-50"
            />
          ) : (
            <p className="text-xs">{t("adminCan")}</p>
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
          {t("trusted")}
          {host.current ? t("kept") : ""}
        </p>
      )}
    </section>
  );
}

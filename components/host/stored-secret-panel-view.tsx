"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/lib/api-client";
import type { HostDto } from "@/lib/dto";
import type { StoredSecretKind } from "@/lib/types";
import { TimeAgo } from "../ui/time-ago";
import { SecretFields, type SecretDraft } from "./secret-fields";

/**
 * The stored secret of a host being edited: whether one is set and when, inputs to replace it, and
 * a button to clear it. The secret itself never comes back from the server.
 */
export function StoredSecretPanelView({
  host,
  kind,
  replacing,
  onReplace,
  draft,
  onDraft,
}: {
  host: HostDto;
  kind: StoredSecretKind | null;
  replacing: boolean;
  onReplace: () => void;
  draft: SecretDraft;
  onDraft: (d: SecretDraft) => void;
}) {
  const t = useTranslations("hostForms.secret");
  const queryClient = useQueryClient();
  const clear = useMutation({
    mutationFn: () => fetchJson(`/api/hosts/${host.id}/secret`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["host", host.id] }),
  });
  const stored = host.storedSecret;
  if (!stored && !kind) return null;
  const inUse = host.authMethod === "stored";
  const noun = stored ? t("noun", { kind: stored.kind }) : "";
  return (
    <div className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      {stored && (
        <p data-testid="stored-secret-status">
          {t.rich("isSet", { noun, ago: () => <TimeAgo at={stored.updatedAt} /> })}
          {kind === stored.kind && !replacing && (
            <button type="button" onClick={onReplace} className="ml-2 underline">
              {t("replace")}
            </button>
          )}
        </p>
      )}
      {kind && replacing && <SecretFields kind={kind} draft={draft} onChange={onDraft} />}
      {stored && (
        <div>
          <button
            type="button"
            disabled={inUse || clear.isPending}
            onClick={() => {
              if (window.confirm(t("clearConfirm", { noun, name: host.name }))) clear.mutate();
            }}
            className="rounded border border-red-300 px-3 py-1 text-red-700 disabled:opacity-40 dark:border-red-800 dark:text-red-300"
          >
            {t("clear", { noun })}
          </button>
          {inUse && <span className="ml-2 text-xs text-zinc-500">{t("inUse")}</span>}
        </div>
      )}
      {clear.error && (
        <p className="text-red-600" role="alert">
          {clear.error.message}
        </p>
      )}
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { hostNamesQuery } from "@/lib/api-client";

/** The server's reason for refusing the jump host, if the error names that field. */
function refusalOf(error: Error | null | undefined): string | null {
  const details = (error as (Error & { details?: unknown }) | null | undefined)?.details;
  if (!Array.isArray(details)) return null;
  const issue = details.find((d: { path?: unknown }) => d?.path === "jumpHostId") as { message?: string } | undefined;
  return issue?.message ?? null;
}

interface Props {
  /** The host being edited, left out of the choices; none when adding one. */
  selfId?: number;
  value: number | null;
  onChange: (jumpHostId: number | null) => void;
  /** The last save's error: a refusal of the jump host shows under the select. */
  error?: Error | null;
}

/** "Reach through": directly, or through another SSH host of twscope (OpenSSH's ProxyJump). */
export function JumpHostSelectView({ selfId, value, onChange, error }: Props) {
  const t = useTranslations("hostForms.jump");
  const hosts = useQuery(hostNamesQuery()).data?.hosts ?? [];
  const choices = hosts.filter((h) => h.transport === "ssh" && h.id !== selfId);
  const refusal = refusalOf(error);
  return (
    <label className="block text-sm">
      <span className="font-medium">{t("label")}</span>
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
        aria-invalid={refusal ? true : undefined}
        className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">{t("directly")}</option>
        {choices.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name} ({h.address})
          </option>
        ))}
      </select>
      {refusal ? (
        <span className="text-xs text-red-600" role="alert">
          {refusal}
        </span>
      ) : (
        <span className="text-xs text-zinc-500">{t("hint")}</span>
      )}
    </label>
  );
}

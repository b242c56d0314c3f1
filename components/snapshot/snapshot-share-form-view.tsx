"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { postSnapshot, type ShareRequest } from "@/lib/snapshot/client";
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES_DAYS } from "@/lib/snapshot/schema";
import type { SnapshotCreatedDto } from "@/lib/snapshot/types";
import { CopyButton } from "../ui/copy-button";
import { Timestamp } from "../ui/timestamp";
import { RequestForm } from "../ui/request-form";

interface Props {
  request: ShareRequest;
  subject: string;
  onDone: () => void;
}

/** Expiry and redaction, then the link: shown here once, never again (only its hash is stored). */
export function SnapshotShareFormView({ request, subject, onDone }: Props) {
  const t = useTranslations("snapshot.share");
  const common = useTranslations("common");
  const [days, setDays] = useState<number>(DEFAULT_EXPIRY_DAYS);
  const [redact, setRedact] = useState(false);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => postSnapshot({ ...request, expiresInDays: days, redact }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["snapshots"] }),
  });
  const ids = { days: useId(), redact: useId() };
  if (create.data) return <CreatedLink created={create.data} onDone={onDone} />;
  return (
    <RequestForm className="space-y-3 text-sm" onSubmit={() => create.mutate()}>
      <h2 className="text-lg font-semibold">{t("title", { subject })}</h2>
      <p className="text-zinc-600 dark:text-zinc-400">{t("explain")}</p>
      <div className="flex items-center gap-2">
        <label htmlFor={ids.days}>{t("expiresAfter")}</label>
        <select
          id={ids.days}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {EXPIRY_CHOICES_DAYS.map((d) => (
            <option key={d} value={d}>
              {t("days", { days: d })}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.redact} className="flex items-center gap-2">
          <input id={ids.redact} type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
          {t("redact")}
        </label>
        <p className="pl-6 text-xs text-zinc-500">{t("redactHint")}</p>
      </div>
      {create.error && (
        <p className="text-red-700 dark:text-red-400" role="alert">
          {t("failed", { message: create.error.message })}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onDone} className="rounded px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          {common("cancel")}
        </button>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded bg-zinc-900 px-3 py-1.5 text-white hover:bg-zinc-700 disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          {create.isPending ? t("creating") : t("create")}
        </button>
      </div>
    </RequestForm>
  );
}

function CreatedLink({ created, onDone }: { created: SnapshotCreatedDto; onDone: () => void }) {
  const t = useTranslations("snapshot.created");
  const common = useTranslations("common");
  const link = `${window.location.origin}${created.url}`;
  return (
    <div className="space-y-3 text-sm">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p>
        {t.rich("copyNow", {
          redacted: created.redacted ? "yes" : "no",
          strong: (c) => <strong>{c}</strong>,
          until: () => <Timestamp at={created.expiresAt} />,
        })}
      </p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={link}
          aria-label={t("linkLabel")}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
        />
        <CopyButton text={link} label={t("copyLink")} />
      </div>
      <div className="flex items-center justify-between">
        <Link href="/snapshots" className="underline">
          {t("yours")}
        </Link>
        <button
          type="button"
          onClick={onDone}
          className="rounded bg-zinc-900 px-3 py-1.5 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
        >
          {common("done")}
        </button>
      </div>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { ImportResultDto } from "@/lib/dto";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { SubmitButton } from "../ui/submit-button";
import { SshConfigImportResult } from "./ssh-config-import-result";
import { RequestForm } from "../ui/request-form";

export function SshConfigImportFormView() {
  const t = useTranslations("hostForms.sshConfig");
  const [config, setConfig] = useState("");
  const [defaultUser, setDefaultUser] = useState("");
  const run = useMutation({
    mutationFn: () => postJson<ImportResultDto>("/api/hosts/import", { config, ...(defaultUser ? { defaultUser } : {}) }),
  });
  return (
    <RequestForm className="max-w-2xl space-y-4" onSubmit={() => run.mutate()}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-500">{t.rich("intro", { code: (chunks) => <code>{chunks}</code> })}</p>
      <label className="block text-sm">
        <span className="font-medium">{t("config")}</span>
        <textarea
          value={config}
          onChange={(e) => setConfig(e.target.value)}
          rows={12}
          required
          className="mt-1 block w-full rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          placeholder={t("configPlaceholder")}
        />
      </label>
      <Field label={t("defaultUser")} value={defaultUser} onChange={(e) => setDefaultUser(e.target.value)} />
      <SubmitButton pending={run.isPending} pendingLabel={t("importing")} disabled={!config}>
        {t("import")}
      </SubmitButton>
      <FormError error={run.error} />
      {run.data && <SshConfigImportResult result={run.data} />}
    </RequestForm>
  );
}

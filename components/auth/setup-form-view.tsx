"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { PasswordField } from "./password-field";
import { RequestForm } from "@/components/ui/request-form";

/** Creates the first admin with the one-time token from the server log. */
export function SetupFormView({ token }: { token: string }) {
  const t = useTranslations("auth.setup");
  const [name, setName] = useState("admin");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const create = useMutation({
    mutationFn: () => postJson("/api/setup", { token, name, password }),
    onSuccess: () => window.location.assign("/"),
  });
  const mismatch = again.length > 0 && again !== password;
  return (
    <RequestForm
      className="mx-auto max-w-sm space-y-4 pt-8"
      onSubmit={() => {
        if (!mismatch) create.mutate();
      }}
    >
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-500">{t("intro")}</p>
      <Field label={t("adminUser")} autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      <PasswordField label={t("password")} value={password} onChange={setPassword} />
      <Field
        label={t("again")}
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
        required
      />
      {mismatch && (
        <p className="text-sm text-red-600" role="alert">
          {t("differ")}
        </p>
      )}
      <SubmitButton pending={create.isPending} pendingLabel={t("pending")} disabled={mismatch} wide>
        {t("submit")}
      </SubmitButton>
      <FormError error={create.error} />
    </RequestForm>
  );
}

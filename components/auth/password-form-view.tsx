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

/** Changing the password ends every session of this user, this one included. */
export function PasswordFormView() {
  const t = useTranslations("auth.account");
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const change = useMutation({
    mutationFn: () => postJson("/api/me/password", { current, password }),
    onSuccess: () => window.location.assign("/signin"),
  });
  return (
    <RequestForm className="max-w-sm space-y-3" onSubmit={() => change.mutate()}>
      <h2 className="text-lg font-semibold">{t("changePassword")}</h2>
      <Field
        label={t("current")}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <PasswordField label={t("newPassword")} value={password} onChange={setPassword} />
      <SubmitButton pending={change.isPending} pendingLabel={t("pending")}>
        {t("submit")}
      </SubmitButton>
      <FormError error={change.error} />
    </RequestForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import { safeNextPath } from "@/lib/auth/safe-next";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { RequestForm } from "@/components/ui/request-form";

/** Signs in, then loads `next` as a full page so the header and every server-rendered page see the session. */
export function SignInFormView({ next, setupOpen }: { next: string; setupOpen: boolean }) {
  const t = useTranslations("auth.signIn");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => postJson("/api/session", { name, password }),
    onSuccess: () => window.location.assign(safeNextPath(next)),
  });
  return (
    <RequestForm className="mx-auto max-w-sm space-y-4 pt-8" onSubmit={() => signIn.mutate()}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Field
        label={t("user")}
        name="username"
        autoComplete="username"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoFocus
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <SubmitButton pending={signIn.isPending} pendingLabel={t("pending")} wide>
        {t("submit")}
      </SubmitButton>
      <FormError error={signIn.error} />
      {setupOpen && <p className="text-sm text-zinc-500">{t.rich("noUserYet", { code: (c) => <code>{c}</code> })}</p>}
    </RequestForm>
  );
}

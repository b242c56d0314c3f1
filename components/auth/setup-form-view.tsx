"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { PasswordField } from "./password-field";
import { RequestForm } from "@/components/ui/request-form";

/** Creates the first admin with the one-time token from the server log. */
export function SetupFormView({ token }: { token: string }) {
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
      <h1 className="text-2xl font-semibold">Set up twscope</h1>
      <p className="text-sm text-zinc-500">Create the first admin. This link works once; later users are added on the Users page.</p>
      <Field label="Admin user" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      <PasswordField label="Password (10 characters or more)" value={password} onChange={setPassword} />
      <Field
        label="Password again"
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
        required
      />
      {mismatch && (
        <p className="text-sm text-red-600" role="alert">
          The passwords differ.
        </p>
      )}
      <SubmitButton pending={create.isPending} pendingLabel="Creating…" disabled={mismatch} wide>
        Create admin and sign in
      </SubmitButton>
      <FormError error={create.error} />
    </RequestForm>
  );
}

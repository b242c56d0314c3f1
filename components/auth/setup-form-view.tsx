"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import { Field } from "@/components/ui/field";

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
    <form
      className="mx-auto max-w-sm space-y-4 pt-8"
      onSubmit={(e) => {
        e.preventDefault();
        if (!mismatch) create.mutate();
      }}
    >
      <h1 className="text-2xl font-semibold">Set up twscope</h1>
      <p className="text-sm text-zinc-500">Create the first admin. This link works once; later users are added on the Users page.</p>
      <Field label="Admin user" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      <Field
        label="Password (10 characters or more)"
        type="password"
        autoComplete="new-password"
        minLength={10}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
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
      <button
        type="submit"
        disabled={create.isPending || mismatch}
        className="w-full rounded bg-zinc-900 px-4 py-2 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {create.isPending ? "Creating…" : "Create admin and sign in"}
      </button>
      {create.error && (
        <p className="text-sm text-red-600" role="alert">
          {create.error.message}
        </p>
      )}
    </form>
  );
}

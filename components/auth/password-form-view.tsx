"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import { Field } from "@/components/ui/field";

/** Changing the password ends every session of this user, this one included. */
export function PasswordFormView() {
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const change = useMutation({
    mutationFn: () => postJson("/api/me/password", { current, password }),
    onSuccess: () => window.location.assign("/signin"),
  });
  return (
    <form
      className="max-w-sm space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate();
      }}
    >
      <h2 className="text-lg font-semibold">Change password</h2>
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <Field
        label="New password (10+ characters)"
        type="password"
        autoComplete="new-password"
        minLength={10}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <button
        type="submit"
        disabled={change.isPending}
        className="rounded bg-zinc-900 px-4 py-2 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {change.isPending ? "Saving…" : "Change password"}
      </button>
      {change.error && (
        <p className="text-sm text-red-600" role="alert">
          {change.error.message}
        </p>
      )}
    </form>
  );
}

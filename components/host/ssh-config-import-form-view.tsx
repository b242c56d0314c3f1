"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { ImportResultDto } from "@/lib/dto";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { SubmitButton } from "../ui/submit-button";
import { SshConfigImportResult } from "./ssh-config-import-result";
import { RequestForm } from "../ui/request-form";

export function SshConfigImportFormView() {
  const [config, setConfig] = useState("");
  const [defaultUser, setDefaultUser] = useState("");
  const run = useMutation({
    mutationFn: () => postJson<ImportResultDto>("/api/hosts/import", { config, ...(defaultUser ? { defaultUser } : {}) }),
  });
  return (
    <RequestForm className="max-w-2xl space-y-4" onSubmit={() => run.mutate()}>
      <h1 className="text-2xl font-semibold">Import hosts from an OpenSSH config</h1>
      <p className="text-sm text-zinc-500">
        Paste <code>~/.ssh/config</code>: each <code>Host</code> alias becomes a host (HostName, Port, User, IdentityFile), and{" "}
        <code>ProxyJump</code> gives it its jump hosts: aliases of the same config, hosts of twscope, or hosts the import adds.{" "}
        <code>Match</code> blocks, <code>Include</code> lines and <code>ProxyCommand</code> are not followed; the result lists each one with
        its line, and a host with a ProxyCommand is left out. Host keys are not trusted on import: an imported host stays “host key not
        trusted”, and twscope does not log in to it, until you open it and confirm its fingerprint.
      </p>
      <label className="block text-sm">
        <span className="font-medium">Config</span>
        <textarea
          value={config}
          onChange={(e) => setConfig(e.target.value)}
          rows={12}
          required
          className="mt-1 block w-full rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          placeholder={"Host web-1\n  HostName 10.0.0.5\n  User twscope\n  IdentityFile ~/.ssh/twscope"}
        />
      </label>
      <Field label="User for hosts without one (optional)" value={defaultUser} onChange={(e) => setDefaultUser(e.target.value)} />
      <SubmitButton pending={run.isPending} pendingLabel="Importing…" disabled={!config}>
        Import
      </SubmitButton>
      <FormError error={run.error} />
      {run.data && <SshConfigImportResult result={run.data} />}
    </RequestForm>
  );
}

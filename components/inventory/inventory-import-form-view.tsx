"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { InventoryImportDto } from "@/lib/inventory/import-dto";
import { Field, FieldTextarea } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";
import { InventoryPlanTable } from "./inventory-plan-table";
import { countOf } from "@/lib/format/number";

type Format = "" | "ini" | "yaml";

/**
 * Imports an Ansible inventory in two steps: Preview shows, host by host, what it would add, change
 * and no longer list and what it leaves out; Apply does exactly that preview (any edit asks for a new
 * one). Removing the hosts gone from the inventory is a choice of its own.
 */
export function InventoryImportFormView() {
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [format, setFormat] = useState<Format>("");
  const [defaultUser, setDefaultUser] = useState("");
  const [removeGone, setRemoveGone] = useState(false);
  const request = { text, name, ...(format ? { format } : {}), ...(defaultUser ? { defaultUser } : {}) };
  const asked = JSON.stringify(request);
  const preview = useMutation({
    mutationFn: (body: string) => postJson<InventoryImportDto>("/api/hosts/inventory", JSON.parse(body)),
  });
  const apply = useMutation({
    mutationFn: () => postJson<InventoryImportDto>("/api/hosts/inventory", { ...request, apply: true, removeGone }),
  });
  const current = preview.data && preview.variables === asked ? preview.data : null;
  const work = current ? current.added.length + current.changed.length + (removeGone ? current.gone.length : 0) : 0;
  const done = apply.data;

  return (
    <RequestForm
      className="max-w-4xl space-y-4"
      onSubmit={() => {
        apply.reset();
        preview.mutate(asked);
      }}
    >
      <h1 className="text-2xl font-semibold">Import hosts from an Ansible inventory</h1>
      <p className="text-sm text-zinc-500">
        An INI or YAML inventory, as Ansible reads it: ranges such as <code>web[01:20]</code> expand, groups and their children become tags,
        and <code>ansible_host</code>, <code>ansible_port</code>, <code>ansible_user</code> and <code>ansible_ssh_private_key_file</code>{" "}
        set where and as whom twscope connects, and <code>-J</code> in <code>ansible_ssh_common_args</code> through which jump hosts.
        Passwords, <code>become</code> settings and ProxyCommand are listed, never applied. Importing the same inventory name again updates
        the hosts it added. Host keys are not trusted on import: confirm each new host&apos;s fingerprint on its page.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Inventory name" value={name} required onChange={(e) => setName(e.target.value)} placeholder="prod.ini" />
        <label className="block text-sm">
          <span className="font-medium">Format</span>
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">recognise it</option>
            <option value="ini">INI</option>
            <option value="yaml">YAML</option>
          </select>
        </label>
        <Field label="User for hosts without ansible_user" value={defaultUser} onChange={(e) => setDefaultUser(e.target.value)} />
      </div>
      <label className="block text-sm">
        <span className="font-medium">Inventory file</span>
        <input
          type="file"
          accept=".ini,.yml,.yaml,.cfg,.txt,text/plain"
          className="mt-1 block text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setText(await file.text());
            setName(file.name);
          }}
        />
      </label>
      <FieldTextarea
        label="or paste it"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        required
        placeholder={"[web]\nweb[01:03].example.net\n\n[web:vars]\nansible_user=ops"}
      />
      <SubmitButton pending={preview.isPending} pendingLabel="Reading…" disabled={!text || !name}>
        Preview
      </SubmitButton>
      <FormError error={preview.error} />
      {current && !done && (
        <section className="space-y-3" aria-label="Preview">
          <p className="text-sm" data-testid="inventory-summary">
            {current.source} ({current.format}): {countOf(current.added.length, "host")} to add, {current.changed.length} to change,{" "}
            {current.unchanged.length} unchanged, {current.gone.length} gone from the inventory, {current.skipped.length} left out
            {current.problems.length > 0 && <>, {countOf(current.problems.length, "line")} not read</>}.
          </p>
          <Notes plan={current} />
          <InventoryPlanTable plan={current} />
          {current.gone.length > 0 && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={removeGone} onChange={(e) => setRemoveGone(e.target.checked)} />
              Also remove the {countOf(current.gone.length, "host")} this inventory added before and no longer lists
            </label>
          )}
          <button
            type="button"
            disabled={work === 0 || apply.isPending}
            onClick={() => apply.mutate()}
            className="rounded bg-zinc-900 px-4 py-2 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900"
          >
            {apply.isPending ? "Applying…" : work === 0 ? "Nothing to apply" : `Apply: ${countOf(work, "host")}`}
          </button>
          <FormError error={apply.error} />
        </section>
      )}
      {done && (
        <section className="space-y-3" aria-label="Applied" role="status">
          <p className="text-sm" data-testid="inventory-summary">
            Applied: {countOf(done.added.length, "host")} added, {done.changed.length} changed, {done.gone.filter((g) => g.removed).length}{" "}
            removed.
            {done.added.length > 0 && (
              <>
                {" "}
                twscope logs in to the new hosts once their keys are trusted:{" "}
                <Link className="underline" href="/hosts/keys">
                  confirm their host keys
                </Link>
                .
              </>
            )}
          </p>
          <InventoryPlanTable plan={done} />
        </section>
      )}
    </RequestForm>
  );
}

/** The lines the inventory could not be read at, and the hosts to fix before they can be polled. */
function Notes({ plan }: { plan: InventoryImportDto }) {
  if (plan.problems.length === 0 && plan.warnings.length === 0) return null;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-amber-800 dark:text-amber-300" aria-label="Inventory notes">
      {plan.problems.map((p) => (
        <li key={`${p.line}:${p.text}`}>
          {p.line !== null && <span className="font-mono text-xs">line {p.line} </span>}
          <code className="text-xs break-all">{p.text}</code>: {p.reason}
        </li>
      ))}
      {plan.warnings.map((w) => (
        <li key={w.name}>
          {w.name}: {w.message}
        </li>
      ))}
    </ul>
  );
}

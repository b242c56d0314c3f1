"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import { renderText } from "@/lib/i18n/message";
import type { InventoryImportDto } from "@/lib/inventory/import-dto";
import { useTranslate } from "../i18n/translate";
import { Field, FieldTextarea } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";
import { InventoryPlanTable } from "./inventory-plan-table";

type Format = "" | "ini" | "yaml";

/** An inventory as an example: Ansible syntax, the same in every language. */
const SAMPLE_INVENTORY = "[web]\nweb[01:03].example.net\n\n[web:vars]\nansible_user=ops";

/**
 * Imports an Ansible inventory in two steps: Preview shows, host by host, what it would add, change
 * and no longer list and what it leaves out; Apply does exactly that preview (any edit asks for a new
 * one). Removing the hosts gone from the inventory is a choice of its own.
 */
export function InventoryImportFormView() {
  const t = useTranslations("inventory");
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
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-500">{t.rich("intro", { code: (c) => <code>{c}</code> })}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("name")} value={name} required onChange={(e) => setName(e.target.value)} placeholder="prod.ini" />
        <label className="block text-sm">
          <span className="font-medium">{t("format")}</span>
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">{t("recognise")}</option>
            <option value="ini">INI</option>
            <option value="yaml">YAML</option>
          </select>
        </label>
        <Field label={t("defaultUser")} value={defaultUser} onChange={(e) => setDefaultUser(e.target.value)} />
      </div>
      <label className="block text-sm">
        <span className="font-medium">{t("file")}</span>
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
        label={t("paste")}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        required
        placeholder={SAMPLE_INVENTORY}
      />
      <SubmitButton pending={preview.isPending} pendingLabel={t("reading")} disabled={!text || !name}>
        {t("preview")}
      </SubmitButton>
      <FormError error={preview.error} />
      {current && !done && (
        <section className="space-y-3" aria-label={t("preview")}>
          <p className="text-sm" data-testid="inventory-summary">
            {t("summary", {
              source: current.source,
              format: current.format,
              added: current.added.length,
              changed: current.changed.length,
              unchanged: current.unchanged.length,
              gone: current.gone.length,
              skipped: current.skipped.length,
              problems: current.problems.length,
            })}
          </p>
          <Notes plan={current} />
          <InventoryPlanTable plan={current} />
          {current.gone.length > 0 && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={removeGone} onChange={(e) => setRemoveGone(e.target.checked)} />
              {t("removeGone", { count: current.gone.length })}
            </label>
          )}
          <button
            type="button"
            disabled={work === 0 || apply.isPending}
            onClick={() => apply.mutate()}
            className="rounded bg-zinc-900 px-4 py-2 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900"
          >
            {apply.isPending ? t("applying") : work === 0 ? t("nothing") : t("apply", { count: work })}
          </button>
          <FormError error={apply.error} />
        </section>
      )}
      {done && (
        <section className="space-y-3" aria-label={t("applied")} role="status">
          <p className="text-sm" data-testid="inventory-summary">
            {t("appliedSummary", {
              added: done.added.length,
              changed: done.changed.length,
              removed: done.gone.filter((g) => g.removed).length,
            })}
            {done.added.length > 0 && (
              <>
                {" "}
                {t.rich("confirmKeys", {
                  link: (c) => (
                    <Link className="underline" href="/hosts/keys">
                      {c}
                    </Link>
                  ),
                })}
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
  const t = useTranslations("inventory");
  const translate = useTranslate();
  if (plan.problems.length === 0 && plan.warnings.length === 0) return null;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-amber-800 dark:text-amber-300" aria-label={t("notes")}>
      {plan.problems.map((p) => (
        <li key={`${p.line}:${renderText(translate, p.text)}`}>
          {p.line !== null && <span className="font-mono text-xs">{t("line", { line: p.line })} </span>}
          <code className="text-xs break-all">{renderText(translate, p.text)}</code>: {renderText(translate, p.reason)}
        </li>
      ))}
      {plan.warnings.map((w) => (
        <li key={w.name}>
          {w.name}: {renderText(translate, w.message)}
        </li>
      ))}
    </ul>
  );
}

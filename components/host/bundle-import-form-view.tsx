"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson, postJson } from "@/lib/api-client";
import type { BundleImportDto } from "@/lib/dto";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { SubmitButton } from "../ui/submit-button";
import { RequestForm } from "../ui/request-form";

const PLAIN_ONE_LINER = `for c in "uname -r" "cat /proc/net/sockstat" "cat /proc/net/netstat" "cat /proc/net/snmp" "sysctl -a" "ss -tan" "ss -ltn" "cat /etc/sysctl.conf" "head -n 1000 /etc/sysctl.d/*.conf"; do echo "### $c"; $c 2>/dev/null; done > twscope-bundle.txt`;

const PROBE_COMMAND = "sh twscope-probe.sh > twscope-bundle.txt";
const SOSREPORT_COMMAND = "sos report --batch -o kernel,networking";
const ARCHIVE = /\.(tar\.xz|txz|tar\.gz|tgz|tar)$/i;
const sizeOf = (bytes: number) => (bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`);

/** Paste or upload what a host printed, or a sosreport archive, for hosts twscope cannot reach over SSH. */
export function BundleImportFormView() {
  const t = useTranslations("hostForms.bundle");
  const router = useRouter();
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [archive, setArchive] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: () =>
      archive
        ? fetchJson<BundleImportDto>(`/api/bundles?name=${encodeURIComponent(name)}`, {
            method: "POST",
            body: archive,
            headers: { "content-type": "application/octet-stream" },
          })
        : postJson<BundleImportDto>("/api/bundles", { name, text }),
    onSuccess: (r) => router.push(`/hosts/${r.host.id}`),
  });
  const choose = (file: File | undefined) => {
    if (!file) return;
    if (ARCHIVE.test(file.name)) {
      setArchive(file);
      setText("");
    } else {
      setArchive(null);
      void file.text().then(setText);
    }
  };
  return (
    <RequestForm className="max-w-2xl space-y-4" onSubmit={() => run.mutate()}>
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>{t("intro")}</p>
        <p>
          {t.rich("probe", {
            link: (chunks) => (
              <a className="underline" href="/api/probe">
                {chunks}
              </a>
            ),
          })}{" "}
          <code className="block rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">{PROBE_COMMAND}</code>
        </p>
        <p>{t("plain")}</p>
        <code
          className="block overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre dark:bg-zinc-800"
          data-testid="plain-one-liner"
        >
          {PLAIN_ONE_LINER}
        </code>
        <p>
          {t("sosreport")}{" "}
          <code className="rounded bg-zinc-100 px-1 font-mono text-xs whitespace-nowrap dark:bg-zinc-800">{SOSREPORT_COMMAND}</code>
        </p>
      </div>
      <Field label={t("hostName")} value={name} onChange={(e) => setName(e.target.value)} required placeholder={t("hostNamePlaceholder")} />
      <label className="block text-sm">
        <span className="font-medium">{t("upload")}</span>
        <input
          type="file"
          accept=".txt,text/plain,.tar.xz,.txz,.tar.gz,.tgz,.tar"
          className="mt-1 block text-sm"
          onChange={(e) => choose(e.target.files?.[0])}
        />
        {archive && (
          <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400" data-testid="archive-chosen">
            {t("archiveChosen", { name: archive.name, size: sizeOf(archive.size) })}
          </span>
        )}
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("paste")}</span>
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setArchive(null);
          }}
          rows={10}
          required={!archive}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          placeholder={t("pastePlaceholder")}
        />
      </label>
      <SubmitButton pending={run.isPending} pendingLabel={t("analysing")} disabled={(!text && !archive) || !name}>
        {t("analyse")}
      </SubmitButton>
      <FormError error={run.error} />
    </RequestForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson, postJson } from "@/lib/api-client";
import type { BundleImportDto } from "@/lib/dto";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { SubmitButton } from "../ui/submit-button";
import { RequestForm } from "../ui/request-form";

const PLAIN_ONE_LINER = `for c in "uname -r" "cat /proc/net/sockstat" "cat /proc/net/netstat" "cat /proc/net/snmp" "sysctl -a" "ss -tan" "ss -ltn" "cat /etc/sysctl.conf" "head -n 1000 /etc/sysctl.d/*.conf"; do echo "### $c"; $c 2>/dev/null; done > twscope-bundle.txt`;

const SOSREPORT_COMMAND = "sos report --batch -o kernel,networking";
const ARCHIVE = /\.(tar\.xz|txz|tar\.gz|tgz|tar)$/i;
const sizeOf = (bytes: number) => (bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`);

/** Paste or upload what a host printed, or a sosreport archive, for hosts twscope cannot reach over SSH. */
export function BundleImportFormView() {
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
      <h2 className="text-xl font-semibold">Analyse a host without SSH</h2>
      <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>Run one of these on the host, then paste or upload the file it writes:</p>
        <p>
          the twscope probe (download it from{" "}
          <a className="underline" href="/api/probe">
            /api/probe
          </a>
          ):{" "}
          <code className="block rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">
            sh twscope-probe.sh &gt; twscope-bundle.txt
          </code>
        </p>
        <p>or plain standard commands, nothing to copy to the host:</p>
        <code
          className="block overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre dark:bg-zinc-800"
          data-testid="plain-one-liner"
        >
          {PLAIN_ONE_LINER}
        </code>
        <p>
          or a sosreport archive (.tar.xz, .tar.gz) as support collects it:{" "}
          <code className="rounded bg-zinc-100 px-1 font-mono text-xs whitespace-nowrap dark:bg-zinc-800">{SOSREPORT_COMMAND}</code>
        </p>
      </div>
      <Field label="Host name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="db-7" />
      <label className="block text-sm">
        <span className="font-medium">Upload</span>
        <input
          type="file"
          accept=".txt,text/plain,.tar.xz,.txz,.tar.gz,.tgz,.tar"
          className="mt-1 block text-sm"
          onChange={(e) => choose(e.target.files?.[0])}
        />
        {archive && (
          <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400" data-testid="archive-chosen">
            sosreport archive {archive.name} ({sizeOf(archive.size)}): read on the server
          </span>
        )}
      </label>
      <label className="block text-sm">
        <span className="font-medium">…or paste</span>
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setArchive(null);
          }}
          rows={10}
          required={!archive}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          placeholder={"@@twscope-probe 1\n…   or   ### uname -r\n…"}
        />
      </label>
      <SubmitButton pending={run.isPending} pendingLabel="Analysing…" disabled={(!text && !archive) || !name}>
        Analyse
      </SubmitButton>
      <FormError error={run.error} />
    </RequestForm>
  );
}

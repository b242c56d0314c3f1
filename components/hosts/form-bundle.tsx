"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { BundleImportDto } from "@/lib/dto";
import { Field } from "./field";

export const PLAIN_ONE_LINER =
  `for c in "uname -r" "cat /proc/net/sockstat" "cat /proc/net/netstat" "cat /proc/net/snmp" "sysctl -a" "ss -tan" "ss -ltn"; do echo "### $c"; $c 2>/dev/null; done > twscope-bundle.txt`;

/** Paste or upload what a host printed, for hosts twscope cannot reach over SSH. */
export function FormBundle() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const run = useMutation({
    mutationFn: () => postJson<BundleImportDto>("/api/bundles", { name, text }),
    onSuccess: (r) => router.push(`/hosts/${r.host.id}`),
  });
  return (
    <form className="max-w-2xl space-y-4" onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
      <h2 className="text-xl font-semibold">Analyse a host without SSH</h2>
      <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>Run one of these on the host, then paste or upload the file it writes:</p>
        <p>the twscope probe (download it from <a className="underline" href="/api/probe">/api/probe</a>): <code className="block rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">sh twscope-probe.sh &gt; twscope-bundle.txt</code></p>
        <p>or plain standard commands, nothing to copy to the host:</p>
        <code className="block overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre dark:bg-zinc-800" data-testid="plain-one-liner">{PLAIN_ONE_LINER}</code>
      </div>
      <Field label="Host name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="db-7" />
      <label className="block text-sm">
        <span className="font-medium">Upload</span>
        <input type="file" accept=".txt,text/plain" className="mt-1 block text-sm"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void f.text().then(setText); }} />
      </label>
      <label className="block text-sm">
        <span className="font-medium">…or paste</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={10} required
          className="mt-1 block w-full rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          placeholder={"@@twscope-probe 1\n…   or   ### uname -r\n…"} />
      </label>
      <button type="submit" disabled={run.isPending || !text || !name} className="rounded bg-zinc-900 px-4 py-2 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900">
        {run.isPending ? "Analysing…" : "Analyse"}
      </button>
      {run.error && <p className="text-sm text-red-600" role="alert">{run.error.message}</p>}
    </form>
  );
}

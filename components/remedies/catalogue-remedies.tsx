import { REMEDIES } from "@/lib/advice/remedies";
import { RiskBadge } from "../ui/severity-badge";

/** Every remedy with its risk, effects, commands and sources: the page findings link into. */
export function CatalogueRemedies() {
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Remedies</h1>
      {REMEDIES.map((r) => (
        <article key={r.id} id={r.id} className="scroll-mt-4 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <header className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-medium">{r.title}</h2>
            <RiskBadge risk={r.risk} />
            <code className="text-xs text-zinc-400">{r.id}</code>
          </header>
          <p className="mt-1 text-sm">{r.summary}</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400"><strong>Risk:</strong> {r.riskReason}</p>
          {(r.kernels.since || r.kernels.removedIn || r.kernels.note) && (
            <p className="mt-1 text-xs text-zinc-500">
              Kernels: {r.kernels.since ? `since ${r.kernels.since}. ` : ""}{r.kernels.removedIn ? `removed in ${r.kernels.removedIn}. ` : ""}{r.kernels.note ?? ""}
            </p>
          )}
          <List title="Side effects" items={r.sideEffects} />
          <List title="Before you start" items={r.prerequisites} />
          <List title="Steps" items={r.steps} />
          {r.commands && (
            <div className="mt-2 grid gap-2 md:grid-cols-3">
              <Commands title="Apply now" lines={r.commands.runtime} />
              <Commands title="Persist" lines={r.commands.persist} />
              <Commands title="Roll back" lines={r.commands.rollback} />
            </div>
          )}
          <p className="mt-2 text-xs">Sources: {r.sources.map((s, i) => <span key={s.url}>{i > 0 && " · "}<a className="underline" href={s.url} rel="noreferrer">{s.title}</a></span>)}</p>
        </article>
      ))}
    </section>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-2 text-sm">
      <h3 className="font-medium">{title}</h3>
      <ul className="list-disc pl-5">{items.map((i) => <li key={i}>{i}</li>)}</ul>
    </div>
  );
}

function Commands({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div>
      <h3 className="text-xs font-medium text-zinc-500">{title}</h3>
      <pre className="overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">{lines.join("\n")}</pre>
    </div>
  );
}

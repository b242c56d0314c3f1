import { remedyById } from "@/lib/advice/remedies";
import { CopyButton } from "../ui/copy-button";

/** A remedy's commands (each block with a copy button), steps and sources, for inline display. */
export function RemedyDetails({ id }: { id: string }) {
  const r = remedyById(id);
  if (!r) return null;
  const blocks = r.commands ? [["Apply now", r.commands.runtime], ["Persist", r.commands.persist], ["Roll back", r.commands.rollback]] as const : [];
  return (
    <div className="mt-2 space-y-2 text-sm">
      <p>{r.summary}</p>
      <p className="text-zinc-600 dark:text-zinc-400"><strong>Risk {r.risk}:</strong> {r.riskReason}</p>
      {r.steps.length > 0 && <ol className="list-decimal pl-5">{r.steps.map((s) => <li key={s}>{s}</li>)}</ol>}
      {blocks.map(([title, lines]) => (
        <div key={title}>
          <div className="flex items-center gap-2 text-xs font-medium text-zinc-500">{title}<CopyButton text={lines.join("\n")} label={`Copy “${title}”`} /></div>
          <pre className="overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">{lines.join("\n")}</pre>
        </div>
      ))}
      <p className="text-xs">Sources: {r.sources.map((s, i) => <span key={s.url}>{i > 0 && " · "}<a className="underline" href={s.url} rel="noreferrer">{s.title}</a></span>)}</p>
    </div>
  );
}

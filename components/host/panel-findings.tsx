import Link from "next/link";
import type { AnalysisReport } from "@/lib/advice/report";
import type { Applicability } from "@/lib/advice/types";
import { RiskBadge, SeverityBadge } from "../ui/severity-badge";

const APPLICABILITY: Record<Applicability, { label: string; className: string }> = {
  recommended: { label: "recommended", className: "text-emerald-700 dark:text-emerald-300 font-semibold" },
  possible: { label: "possible", className: "text-zinc-700 dark:text-zinc-300" },
  applied: { label: "already applied", className: "text-sky-700 dark:text-sky-300" },
  "not-applicable": { label: "not applicable", className: "text-zinc-400" },
  harmful: { label: "harmful here", className: "text-red-700 dark:text-red-400 font-semibold" },
};

/** The advisor's findings for one host, each with its evidence and the remedies rated for this host. */
export function PanelFindings({ analysis }: { analysis: AnalysisReport }) {
  return (
    <section className="space-y-3" aria-label="Findings">
      <h2 className="text-lg font-semibold">Diagnosis</h2>
      {analysis.findings.map((f) => (
        <article key={f.ruleId} className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900" data-rule={f.ruleId}>
          <header className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={f.severity} />
            <h3 className="font-medium">{f.title}</h3>
            <code className="text-xs text-zinc-400">{f.ruleId}</code>
          </header>
          <ul className="mt-1 list-disc pl-5 text-sm">{f.evidence.map((e) => <li key={e}>{e}</li>)}</ul>
          {f.remedies.length > 0 && (
            <table className="mt-2 w-full text-sm">
              <tbody>
                {f.remedies.map((r) => (
                  <tr key={r.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                    <td className={`py-1 pr-2 whitespace-nowrap ${APPLICABILITY[r.applicability].className}`}>{APPLICABILITY[r.applicability].label}</td>
                    <td className="py-1 pr-2"><Link className="underline decoration-dotted" href={`/remedies#${r.id}`}>{r.title}</Link></td>
                    <td className="py-1 pr-2"><RiskBadge risk={r.risk} /></td>
                    <td className="py-1 text-zinc-600 dark:text-zinc-400">{r.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
      {analysis.missing.length > 0 && <p className="text-xs text-zinc-500">Not checked: {analysis.missing.join("; ")}</p>}
    </section>
  );
}

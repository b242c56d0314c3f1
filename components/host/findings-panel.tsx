import Link from "next/link";
import { useTranslations } from "next-intl";
import { renderAnalysis, type AnalysisReport, type StoredAnalysis } from "@/lib/advice/report";
import type { Applicability } from "@/lib/advice/types";
import type { Verdict } from "@/lib/advice/analyze";
import { useTranslate } from "../i18n/translate";
import { RemedyDetails } from "../remedies/remedy-details";
import { RiskBadge } from "../ui/risk-badge";
import { SeverityBadge } from "../ui/severity-badge";
import { TextCode } from "../ui/text-code";

const APPLICABILITY: Record<Applicability, string> = {
  recommended: "text-emerald-700 dark:text-emerald-300 font-semibold",
  possible: "text-zinc-700 dark:text-zinc-300",
  applied: "text-sky-700 dark:text-sky-300",
  "not-applicable": "text-zinc-400",
  harmful: "text-red-700 dark:text-red-400 font-semibold",
};

const VERDICT: Record<Verdict, string> = {
  healthy: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  warning: "bg-amber-200 text-amber-950 dark:bg-amber-700 dark:text-amber-50",
  critical: "bg-red-600 text-white",
  unknown: "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50",
};

/** The verdict, and what was and was not checked (reports stored before verdicts existed have neither). */
function VerdictLine({ analysis }: { analysis: AnalysisReport }) {
  const t = useTranslations("advice.panel");
  if (!analysis.verdict) return null;
  const coverage = analysis.coverage;
  const gaps = coverage.filter((c) => c.state === "unchecked");
  const made = t("checksMade", { made: coverage.length - gaps.length, total: coverage.length });
  return (
    <div className="text-sm" data-verdict={analysis.verdict}>
      <p className="flex flex-wrap items-center gap-2">
        <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${VERDICT[analysis.verdict]}`}>
          {t(`verdict.${analysis.verdict}`)}
        </span>
        <span className="text-zinc-600 dark:text-zinc-400">
          {gaps.length > 0 ? t("checksMadeWithGaps", { made, gaps: gaps.map((g) => g.check).join(t("listSeparator")) }) : made}
        </span>
      </p>
      <details className="mt-1" data-coverage>
        <summary className="cursor-pointer text-xs text-zinc-500">{t("whatWasChecked")}</summary>
        <ul className="mt-1 space-y-0.5 text-xs">
          {coverage.map((c) => (
            <li key={c.check} data-check={c.check} data-state={c.state}>
              <span
                className={
                  c.state === "checked" ? "text-emerald-700 dark:text-emerald-300" : "font-semibold text-zinc-700 dark:text-zinc-300"
                }
              >
                {t(c.state === "checked" ? "checked" : "notChecked")}
              </span>{" "}
              {t.rich("coverageLine", {
                check: c.check,
                detail: c.detail,
                name: (chunks) => <span className="font-medium">{chunks}</span>,
                why: (chunks) => <span className="text-zinc-600 dark:text-zinc-400">{chunks}</span>,
              })}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/**
 * The advisor's findings for one host, each with its evidence and the remedies rated for this host, in the
 * reader's language (the analysis is kept as data). A snapshot leaves out the links to the catalogue, a page
 * of the signed-in dashboard.
 */
export function FindingsPanel({ analysis: stored, catalogueLinks = true }: { analysis: StoredAnalysis; catalogueLinks?: boolean }) {
  const t = useTranslations("advice.panel");
  const analysis = renderAnalysis(stored, useTranslate());
  return (
    <section className="space-y-3" aria-label={t("findings")}>
      <h2 className="text-lg font-semibold">{t("diagnosis")}</h2>
      <VerdictLine analysis={analysis} />
      {analysis.findings.map((f) => (
        <article
          key={f.ruleId}
          id={`finding-${f.ruleId}`}
          className="scroll-mt-4 rounded border border-zinc-200 bg-white p-3 target:ring-2 target:ring-amber-500 dark:border-zinc-800 dark:bg-zinc-900"
          data-rule={f.ruleId}
        >
          <header className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={f.severity} />
            <h3 className="font-medium">{f.title}</h3>
            <code className="text-xs text-zinc-400">{f.ruleId}</code>
          </header>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {f.evidence.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          {f.remedies.length > 0 && (
            <ul className="mt-2 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {f.remedies.map((r) => (
                <li key={r.id} data-remedy={r.id}>
                  <details className="py-1">
                    <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                      <span className={`w-32 shrink-0 ${APPLICABILITY[r.applicability]}`}>{t(`applicability.${r.applicability}`)}</span>
                      <span className="font-medium">{r.title}</span>
                      <RiskBadge risk={r.risk} />
                      <span className="basis-full pl-34 text-zinc-600 sm:basis-auto sm:pl-0 dark:text-zinc-400">
                        <TextCode text={r.why} />
                      </span>
                    </summary>
                    <div className="pl-4">
                      <RemedyDetails id={r.id} />{" "}
                      {catalogueLinks && (
                        <Link className="text-xs underline" href={`/remedies#${r.id}`}>
                          {t("allRemedies")}
                        </Link>
                      )}
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
      {analysis.missing.length > 0 && (
        <p className="text-xs text-zinc-500">{t("inputLacks", { missing: analysis.missing.join(t("clauseSeparator")) })}</p>
      )}
    </section>
  );
}

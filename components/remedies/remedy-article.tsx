import { useLocale, useTranslations } from "next-intl";
import { remedyText } from "@/lib/advice/remedy-text";
import type { Remedy } from "@/lib/advice/types";
import { RiskBadge } from "../ui/risk-badge";
import { useTranslate } from "../i18n/translate";
import { TextCode } from "../ui/text-code";
import { CommandBlocks } from "./command-blocks";
import { RemedyRiskReason } from "./remedy-risk-reason";
import { RemedySources } from "./remedy-sources";

/** One catalogue entry: the action, its risk and why, what it changes, and how to do (or undo) it. */
export function RemedyArticle({ remedy: r }: { remedy: Remedy }) {
  const t = useTranslations("remedies");
  const text = remedyText(useTranslate(), r.id);
  // Chinese sentences follow one another without a space after "。".
  const gap = useLocale() === "zh-CN" ? "" : " ";
  const kernels = [
    r.kernels.since && t("kernelsSince", { version: r.kernels.since }),
    r.kernels.removedIn && t("kernelsRemovedIn", { version: r.kernels.removedIn }),
    text.kernelNote,
  ]
    .filter(Boolean)
    .join(gap);
  return (
    <article
      id={r.id}
      data-remedy={r.id}
      data-risk={r.risk}
      data-kind={r.kind}
      className="min-w-0 scroll-mt-4 rounded border border-zinc-200 bg-white p-4 [overflow-wrap:anywhere] dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-center gap-2">
        {r.stance === "avoid" && (
          <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-300">
            {t("avoidBadge")}
          </span>
        )}
        <h3 className="text-lg font-medium">{text.title}</h3>
        <RiskBadge risk={r.risk} />
        <span className="text-xs text-zinc-500">{t(`kind.${r.kind}`)}</span>
        <code className="text-xs text-zinc-400">{r.id}</code>
      </header>
      <p className="mt-1 text-sm">
        <TextCode text={text.summary} />
      </p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        <RemedyRiskReason risk={r.risk} reason={text.riskReason} />
      </p>
      {kernels && <p className="mt-1 text-xs text-zinc-500">{t.rich("kernels", { note: () => <TextCode text={kernels} /> })}</p>}
      <List title={t("sideEffects")} items={text.sideEffects} />
      <List title={t("prerequisites")} items={text.prerequisites} />
      <List title={t("steps")} items={text.steps} />
      {r.commands && (
        <div className="mt-2 space-y-2">
          <CommandBlocks remedy={r} />
        </div>
      )}
      <div className="mt-2">
        <RemedySources remedy={r} />
      </div>
    </article>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-2 text-sm">
      <h4 className="font-medium">{title}</h4>
      <ul className="list-disc pl-5">
        {items.map((i) => (
          <li key={i}>
            <TextCode text={i} />
          </li>
        ))}
      </ul>
    </div>
  );
}

import { remedyById } from "@/lib/advice/remedies";
import { remedyText } from "@/lib/advice/remedy-text";
import { useTranslate } from "../i18n/translate";
import { TextCode } from "../ui/text-code";
import { CommandBlocks } from "./command-blocks";
import { RemedyRiskReason } from "./remedy-risk-reason";
import { RemedySources } from "./remedy-sources";

/**
 * A remedy's commands (each block with a copy button), steps and sources, for inline display. Renders
 * on the server or the client; a client tree needs the `remedy` and `remedies` catalogues (and CopyButton's).
 */
export function RemedyDetails({ id }: { id: string }) {
  const t = useTranslate();
  const r = remedyById(id);
  if (!r) return null;
  const text = remedyText(t, id);
  return (
    <div className="mt-2 min-w-0 space-y-2 text-sm [overflow-wrap:anywhere]">
      <p>
        <TextCode text={text.summary} />
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        <RemedyRiskReason risk={r.risk} reason={text.riskReason} />
      </p>
      {text.steps.length > 0 && (
        <ol className="list-decimal pl-5">
          {text.steps.map((s) => (
            <li key={s}>
              <TextCode text={s} />
            </li>
          ))}
        </ol>
      )}
      <CommandBlocks remedy={r} />
      <RemedySources remedy={r} />
    </div>
  );
}

import { remedyById } from "@/lib/advice/remedies";
import { TextCode } from "../ui/text-code";
import { CommandBlocks } from "./command-blocks";
import { RemedySources } from "./remedy-sources";

/** A remedy's commands (each block with a copy button), steps and sources, for inline display. */
export function RemedyDetails({ id }: { id: string }) {
  const r = remedyById(id);
  if (!r) return null;
  return (
    <div className="mt-2 min-w-0 space-y-2 text-sm">
      <p>
        <TextCode text={r.summary} />
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        <strong>Why {r.risk} risk:</strong> <TextCode text={r.riskReason} />
      </p>
      {r.steps.length > 0 && (
        <ol className="list-decimal pl-5">
          {r.steps.map((s) => (
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

import { useTranslations } from "next-intl";
import { commandBlocks } from "@/lib/advice/remedy-catalogue";
import type { Remedy } from "@/lib/advice/types";
import { CopyButton } from "../ui/copy-button";

/** A remedy's shell lines, one block per purpose, each with a copy button; long lines wrap inside their box. */
export function CommandBlocks({ remedy }: { remedy: Remedy }) {
  const t = useTranslations("remedies");
  return (
    <>
      {commandBlocks(remedy).map(({ purpose, lines }) => {
        const title = t(`commands.${purpose}`);
        return (
          <div key={purpose} className="min-w-0" data-commands={purpose}>
            <div className="flex items-center gap-2 text-xs font-medium text-zinc-500">
              {title}
              <CopyButton text={lines.join("\n")} label={t("copyBlock", { title })} />
            </div>
            <pre className="mt-0.5 max-w-full overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs [overflow-wrap:anywhere] whitespace-pre-wrap dark:bg-zinc-800">
              {lines.join("\n")}
            </pre>
          </div>
        );
      })}
    </>
  );
}

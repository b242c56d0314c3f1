import { Fragment } from "react";
import { codeSpans } from "@/lib/code-spans";

/** Prose whose `code` spans are shown as <code>, never as literal backticks. */
export function TextCode({ text }: { text: string }) {
  return (
    <>
      {codeSpans(text).map((p, i) =>
        p.code ? (
          <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-[0.85em] [overflow-wrap:anywhere] dark:bg-zinc-800">
            {p.text}
          </code>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

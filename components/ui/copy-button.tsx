"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/** `label` is already in the reader's language ("Copy link"); "Copy" when absent. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  const shown = label ?? t("copy");
  return (
    <button
      type="button"
      aria-label={t("copyTo", { label: shown })}
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
      className="rounded border border-zinc-300 px-1.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {copied ? t("copied") : shown}
    </button>
  );
}

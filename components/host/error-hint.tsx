import { useTranslations } from "next-intl";
import { pollErrorText } from "@/lib/host/poll-error-words";
import { renderText } from "@/lib/i18n/message";
import type { HostStatus } from "@/lib/types";
import { useTranslate } from "../i18n/translate";
import { TextCode } from "../ui/text-code";

/** The statuses with a hint of what to check (`host.hints.<status>`). */
const HINTED = ["unreachable", "timeout", "auth-failed", "host-key-mismatch", "host-key-unknown", "probe-error"] as const;
type HintedStatus = (typeof HINTED)[number];
const isHinted = (s: HostStatus): s is HintedStatus => (HINTED as readonly string[]).includes(s);

export function ErrorHint({ status, error }: { status: HostStatus; error: string | null }) {
  const t = useTranslations("host.hints");
  const words = useTranslate();
  if (status === "ok" || status === "pending" || !error) return null;
  return (
    <div className="rounded bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" role="alert">
      <p className="font-medium">{renderText(words, pollErrorText(error))}</p>
      {isHinted(status) && (
        <p className="mt-1 text-red-800 dark:text-red-200">
          <TextCode text={t(status)} />
        </p>
      )}
    </div>
  );
}

import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/use-format";
import { TimeAgo } from "./time-ago";
import { Timestamp } from "./timestamp";

/**
 * A moment on a page that is either live ("12 s ago", counting) or frozen in a snapshot, where a
 * relative time would lie: there it is written out, with its age at capture ("12 s before capture").
 */
export function CapturedAge({ at, capturedAt, seconds }: { at: number | null | undefined; capturedAt?: number; seconds?: boolean }) {
  const t = useTranslations("common");
  const format = useFormat();
  if (capturedAt === undefined) return <TimeAgo at={at} />;
  if (!at) return <span>{t("never")}</span>;
  return (
    <span data-captured-age>
      <Timestamp at={at} seconds={seconds} />{" "}
      <span className="text-zinc-500">{t("beforeCapture", { duration: format.duration(capturedAt - at) })}</span>
    </span>
  );
}

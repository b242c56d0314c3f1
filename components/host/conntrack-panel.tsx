import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ConntrackTable } from "@/lib/types";
import { useFormat } from "../i18n/use-format";

const mono = (chunks: ReactNode) => <span className="font-mono">{chunks}</span>;

/**
 * The connection-tracking table: how full it is (nf_conntrack_count of nf_conntrack_max, with the
 * headroom), how much of it TIME_WAIT entries hold, and conntrack's failure counters.
 */
export function ConntrackPanel({ table, sysctls }: { table: ConntrackTable | null | undefined; sysctls: Record<string, string> }) {
  const t = useTranslations("host.conntrack");
  const format = useFormat();
  const max = Number(sysctls["net.netfilter.nf_conntrack_max"]);
  const count = Number(sysctls["net.netfilter.nf_conntrack_count"] ?? table?.entries);
  if (!table && !(max > 0)) return null;
  const share = max > 0 && Number.isFinite(count) ? count / max : null;
  return (
    <section className="rounded border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900" aria-label={t("label")}>
      <h2 className="font-medium">{t("title")}</h2>
      <p className="mb-2 text-xs text-zinc-500">
        {t("about", { timeout: sysctls["net.netfilter.nf_conntrack_tcp_timeout_time_wait"] ?? "?" })}
      </p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-zinc-500">{t("entries")}</dt>
        <dd data-field="conntrack-use">
          {share === null
            ? t("notKnown")
            : t.rich("use", {
                count: format.count(count),
                max: format.count(max),
                percent: Math.round(share * 100),
                headroom: format.count(Math.max(0, max - count)),
                n: mono,
              })}
        </dd>
        <dt className="text-zinc-500">{t("timeWait")}</dt>
        <dd data-field="conntrack-time-wait">
          {table?.timeWait == null ? (
            <span className="text-zinc-500">{t("notRead")}</span>
          ) : (
            <>
              <span className="font-mono">{format.count(table.timeWait)}</span>
              {table.entries ? t("shareOfEntries", { percent: Math.round((table.timeWait / table.entries) * 100) }) : ""}
              {table.truncated && t("truncated")}
            </>
          )}
        </dd>
        {table?.insertFailed != null && (
          <>
            <dt className="text-zinc-500">{t("sinceBoot")}</dt>
            <dd>
              {t.rich("failures", {
                insertFailed: format.count(table.insertFailed),
                drop: format.count(table.drop ?? 0),
                earlyDrop: format.count(table.earlyDrop ?? 0),
                n: mono,
              })}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

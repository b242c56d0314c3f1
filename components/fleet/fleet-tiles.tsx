import { useTranslations } from "next-intl";
import type { FleetTotals } from "@/lib/fleet-query";
import { useFormat } from "../i18n/use-format";
import { TimeAgo } from "../ui/time-ago";

interface Props {
  totals: FleetTotals;
  onSeverity: (s: "critical" | "warning") => void;
  onProblem: () => void;
  onStale: () => void;
  /** In a snapshot "now" is the capture. */
  frozen?: boolean;
  /** On the live page: when the server counted the totals (by its clock: a host turns stale there too). */
  countedAt?: number;
}

export function FleetTiles({ totals, onSeverity, onProblem, onStale, frozen = false, countedAt }: Props) {
  const t = useTranslations("fleet.tiles");
  const and = useTranslations("fleet")("listAnd");
  const format = useFormat();
  const tile = "rounded border border-zinc-200 bg-white p-3 text-left dark:border-zinc-800 dark:bg-zinc-900";
  const { stale, bundle } = totals.leftOut;
  const leftOut = [stale > 0 && t("staleHosts", { n: stale }), bundle > 0 && t("pastedBundles", { n: bundle })].filter(Boolean);
  return (
    <div className="space-y-1">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <div className={tile}>
          <dt className="text-xs text-zinc-500">{t("hosts")}</dt>
          <dd className="font-mono text-2xl">{format.count(totals.hosts)}</dd>
        </div>
        <div className={tile}>
          <dt className="text-xs text-zinc-500">{frozen ? t("twAtCapture") : t("twNow")}</dt>
          <dd className="font-mono text-2xl" data-testid="total-tw">
            {format.count(totals.timeWait)}
          </dd>
        </div>
        <button type="button" className={`${tile} hover:border-red-400`} onClick={() => onSeverity("critical")}>
          <dt className="text-xs text-zinc-500">{t("critical")}</dt>
          <dd className="font-mono text-2xl text-red-600" data-testid="total-critical">
            {format.count(totals.critical)}
          </dd>
        </button>
        <button type="button" className={`${tile} hover:border-amber-400`} onClick={() => onSeverity("warning")}>
          <dt className="text-xs text-zinc-500">{t("warning")}</dt>
          <dd className="font-mono text-2xl text-amber-600" data-testid="total-warning">
            {format.count(totals.warning)}
          </dd>
        </button>
        <button type="button" className={`${tile} hover:border-zinc-400`} onClick={onProblem}>
          <dt className="text-xs text-zinc-500">{t("unreachable")}</dt>
          <dd className="font-mono text-2xl">{format.count(totals.unreachable)}</dd>
        </button>
      </dl>
      {(leftOut.length > 0 || countedAt !== undefined) && (
        <p className="text-xs text-zinc-500">
          {leftOut.length > 0 && (
            <span data-testid="totals-left-out">
              {t("leftOut", { leftOut: leftOut.join(and) })}
              {stale > 0 && (
                <>
                  {" "}
                  <button type="button" className="underline" onClick={onStale}>
                    {t("showStale")}
                  </button>
                </>
              )}{" "}
            </span>
          )}
          {countedAt !== undefined && (
            <span data-testid="totals-as-of">{t.rich("countedAt", { n: totals.hosts, ago: () => <TimeAgo at={countedAt} /> })}</span>
          )}
        </p>
      )}
    </div>
  );
}

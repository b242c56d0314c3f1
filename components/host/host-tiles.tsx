import { useTranslations } from "next-intl";
import type { Freshness } from "@/lib/host/freshness";
import type { HostCurrentDto } from "@/lib/dto";
import type { HostNamespaces } from "@/lib/types";
import { useFormat } from "../i18n/use-format";
import { CapturedAge } from "../ui/captured-age";
import { STALE_LOOK } from "../ui/freshness-note";
import { TimeAgo } from "../ui/time-ago";
import { Timestamp } from "../ui/timestamp";

/** The host's current figures, with how old they are; greyed when stale, never "now" for a bundle. */
export function HostTiles({
  current,
  freshness,
  capturedAt,
  namespaces,
}: {
  current: HostCurrentDto | null;
  freshness: Freshness;
  capturedAt?: number;
  /** The host's other network namespaces: their TIME_WAIT is not in the host's own figures. */
  namespaces?: HostNamespaces | null;
}) {
  const t = useTranslations("host.tiles");
  const format = useFormat();
  const look = freshness.state === "stale" ? STALE_LOOK : "";
  const namespacesNote = useNamespacesNote(namespaces);
  const when = freshness.state !== "fresh" ? "any" : capturedAt === undefined ? "now" : "capture";
  return (
    <div className="space-y-1" data-freshness={freshness.state} data-testid="host-tiles">
      <dl className={`grid grid-cols-2 gap-3 sm:grid-cols-5 ${look}`}>
        <Tile label={t("timeWait", { when })} value={format.count(current?.timeWait)} note={namespacesNote} />
        <Tile label={t("server")} value={format.count(current?.twServer)} />
        <Tile label={t("client")} value={format.count(current?.twClient)} />
        <Tile label={t("established")} value={format.count(current?.established)} />
        <Tile label={t("newConnections")} value={format.rate(current?.newConnectionsPerSec)} />
      </dl>
      <AgeLine freshness={freshness} capturedAt={capturedAt} />
    </div>
  );
}

function AgeLine({ freshness: f, capturedAt }: { freshness: Freshness; capturedAt?: number }) {
  const t = useTranslations("host.tiles");
  const format = useFormat();
  if (f.state === "none") return null;
  const line = "text-xs text-zinc-500";
  if (f.state === "bundle") {
    return (
      <p className={line} data-testid="sample-age">
        {t.rich("bundle", { age: () => <CapturedAge at={f.pastedAt} capturedAt={capturedAt} /> })}
      </p>
    );
  }
  if (f.state === "stale") {
    return (
      <p className={line} data-testid="sample-age">
        {t.rich("stale", { strong: (chunks) => <strong className="font-medium">{chunks}</strong>, at: () => <Timestamp at={f.at} /> })}
        {capturedAt === undefined
          ? t.rich("staleLive", { ago: () => <TimeAgo at={f.at} /> })
          : t("staleCaptured", { age: format.duration(capturedAt - f.at) })}
      </p>
    );
  }
  return (
    <p className={line} data-testid="sample-age">
      {t.rich("sampled", { age: () => <CapturedAge at={f.at} capturedAt={capturedAt} /> })}
    </p>
  );
}

/** "+ 2,805 in 3 other network namespaces": what the host's own count leaves out. */
function useNamespacesNote(namespaces: HostNamespaces | null | undefined): string | undefined {
  const t = useTranslations("host.tiles");
  if (!namespaces || namespaces.total === 0) return undefined;
  const timeWait = namespaces.shown.reduce((sum, n) => sum + n.timeWait.total, namespaces.othersTimeWait);
  return t("namespaces", { timeWait, count: namespaces.total });
}

function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-mono text-xl">{value}</dd>
      {note && (
        <dd className="text-xs text-zinc-500" data-field="namespaces-time-wait">
          {note}
        </dd>
      )}
    </div>
  );
}

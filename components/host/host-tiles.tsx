import { formatCount, formatRate } from "@/lib/format/number";
import { formatDuration } from "@/lib/format/time";
import type { Freshness } from "@/lib/host/freshness";
import type { HostCurrentDto } from "@/lib/dto";
import type { HostNamespaces } from "@/lib/types";
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
  const look = freshness.state === "stale" ? STALE_LOOK : "";
  const tw = freshness.state !== "fresh" ? "TIME_WAIT" : capturedAt === undefined ? "TIME_WAIT now" : "TIME_WAIT at capture";
  return (
    <div className="space-y-1" data-freshness={freshness.state} data-testid="host-tiles">
      <dl className={`grid grid-cols-2 gap-3 sm:grid-cols-5 ${look}`}>
        <Tile label={tw} value={formatCount(current?.timeWait)} note={namespacesNote(namespaces)} />
        <Tile label="server side (listening ports)" value={formatCount(current?.twServer)} />
        <Tile label="client side (to destinations)" value={formatCount(current?.twClient)} />
        <Tile label="ESTABLISHED" value={formatCount(current?.established)} />
        <Tile label="new connections" value={formatRate(current?.newConnectionsPerSec)} />
      </dl>
      <AgeLine freshness={freshness} capturedAt={capturedAt} />
    </div>
  );
}

function AgeLine({ freshness: f, capturedAt }: { freshness: Freshness; capturedAt?: number }) {
  if (f.state === "none") return null;
  const line = "text-xs text-zinc-500";
  if (f.state === "bundle") {
    return (
      <p className={line} data-testid="sample-age">
        from a bundle pasted <CapturedAge at={f.pastedAt} capturedAt={capturedAt} />
      </p>
    );
  }
  if (f.state === "stale") {
    return (
      <p className={line} data-testid="sample-age">
        <strong className="font-medium">stale:</strong> as of <Timestamp at={f.at} />
        {capturedAt === undefined ? (
          <>
            {" "}
            (<TimeAgo at={f.at} />)
          </>
        ) : (
          <> · sampled {formatDuration(capturedAt - f.at)} before capture</>
        )}
      </p>
    );
  }
  return (
    <p className={line} data-testid="sample-age">
      sampled <CapturedAge at={f.at} capturedAt={capturedAt} />
    </p>
  );
}

/** "+ 2,805 in 3 containers and pods": what the host's own count leaves out. */
function namespacesNote(namespaces: HostNamespaces | null | undefined): string | undefined {
  if (!namespaces || namespaces.total === 0) return undefined;
  const tw = namespaces.shown.reduce((sum, n) => sum + n.timeWait.total, namespaces.othersTimeWait);
  return `+ ${formatCount(tw)} in ${formatCount(namespaces.total)} other network namespace${namespaces.total === 1 ? "" : "s"}`;
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

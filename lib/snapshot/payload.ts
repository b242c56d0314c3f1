import { downsampleBreakdown } from "../series/breakdown-series";
import type {
  BreakdownSeriesDto,
  FleetFindingDto,
  FleetHostDto,
  HostCurrentDto,
  HostDetailDto,
  HostDto,
  HostEventDto,
  SeriesDto,
  SeriesGapDto,
} from "../dto";
import { redactPayload } from "../redact/redact";
import { scrubErrorMessage } from "../redact/redact-error";
import { downsampleSeries, SNAPSHOT_MAX_POINTS } from "./downsample";
import type { FleetRowData, FrozenBreakdown, HostPageData, SnapshotPayload } from "./types";

/** A payload with its title and the host names that redaction must hide besides IP addresses. */
export interface SnapshotDraft {
  title: string;
  payload: SnapshotPayload;
  hostnames: string[];
}

/** Field by field, so a field added to the DTOs later never ends up in a shared link unnoticed. */
export function hostSnapshotDraft(
  detail: HostDetailDto,
  series: SeriesDto,
  breakdowns?: Record<"port" | "peer", BreakdownSeriesDto>,
): SnapshotDraft {
  const { latest } = detail;
  const host: HostPageData = {
    name: detail.name,
    status: detail.status,
    transport: detail.transport,
    address: detail.address,
    port: detail.port,
    lastPollAt: detail.lastPollAt,
    lastError: scrubbedError(detail),
    current: currentOf(detail.current),
    pollIntervalMs: detail.pollIntervalMs,
    latest: latest && {
      at: latest.at,
      kernel: latest.kernel,
      sysctls: latest.sysctls,
      missingSysctls: latest.missingSysctls,
      configuredSysctls: latest.configuredSysctls,
      timeWait: latest.timeWait,
      owners: latest.owners,
      namespaces: latest.namespaces,
      conntrack: latest.conntrack,
    },
    analysis: detail.analysis,
  };
  const frozenSeries = {
    range: series.range,
    source: series.source,
    from: series.from,
    to: series.to,
    points: downsampleSeries(series.points, undefined, series.gaps),
    gaps: series.gaps.map((g) => ({ from: g.from, to: g.to, reason: scrubbedReason(g.reason, detail) })),
    events: series.events.map(frozenEvent),
  };
  const frozenBreakdowns = breakdowns && { port: frozenBreakdown(breakdowns.port), peer: frozenBreakdown(breakdowns.peer) };
  const peers = [...(latest?.timeWait.byPeer.map((g) => g.peer) ?? []), ...(breakdowns?.peer.keys.map((k) => k.key) ?? [])].map(
    addressOfPeer,
  );
  const payload = { kind: "host" as const, host, series: frozenSeries, ...(frozenBreakdowns && { breakdowns: frozenBreakdowns }) };
  return { title: detail.name, payload, hostnames: [detail.address, ...peers] };
}

/** A gap's reason with the SSH user and key settings scrubbed out of the poll's error. */
function scrubbedReason(reason: SeriesGapDto["reason"], h: Parameters<typeof scrubErrorMessage>[1]): SeriesGapDto["reason"] {
  if (typeof reason === "string") return scrubErrorMessage(reason, h);
  if (reason && "status" in reason) return { status: reason.status, message: reason.message && scrubErrorMessage(reason.message, h) };
  return reason && { beforeAdded: true };
}

const frozenEvent = (e: HostEventDto): HostEventDto =>
  "text" in e ? { at: e.at, kind: e.kind, text: e.text } : { at: e.at, kind: e.kind, subject: e.subject, before: e.before, after: e.after };

function frozenBreakdown(b: BreakdownSeriesDto): FrozenBreakdown {
  const { range, kind, source, from, to, keptPerSample } = b;
  const keys = b.keys.map((k) => ({
    key: k.key,
    peak: k.peak,
    points: k.points.map((p) => ({ t: p.t, avg: p.avg, min: p.min, max: p.max })),
  }));
  return downsampleBreakdown({ range, kind, source, from, to, keptPerSample, keys }, SNAPSHOT_MAX_POINTS);
}

/** A fleet row with the settings its error message is scrubbed of. */
export type FleetSnapshotSource = FleetHostDto & Pick<HostDto, "keyPath" | "passphraseEnv">;

/** Rows are renumbered 1…n: a fleet snapshot links nowhere, so real host ids have no use in it. */
export function fleetSnapshotDraft(
  hosts: FleetSnapshotSource[],
  findings: FleetFindingDto[],
  pollIntervalMs: number,
  knownNames: string[] = [],
): SnapshotDraft {
  const rowId = new Map(hosts.map((h, i) => [h.id, i + 1]));
  const rows: FleetRowData[] = hosts.map((h) => ({
    id: rowId.get(h.id)!,
    name: h.name,
    status: h.status,
    transport: h.transport,
    address: h.address,
    port: h.port,
    tags: h.tags,
    lastPollAt: h.lastPollAt,
    lastError: scrubbedError(h),
    current: currentOf(h.current),
    worst: h.worst,
    sparkline: h.sparkline,
  }));
  const frozenFindings = findings.map((f) => ({
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    hosts: f.hosts.map((h) => ({ id: rowId.get(h.id) ?? 0, name: h.name, severity: h.severity })),
  }));
  // Worst findings quote peers ("Local ports to db-primary.corp.internal:5432 exhausted"): every name the hosts' samples know is hidden too.
  return {
    title: "Fleet",
    payload: { kind: "fleet", hosts: rows, findings: frozenFindings, pollIntervalMs },
    hostnames: [...hosts.map((h) => h.address), ...knownNames],
  };
}

/** The title and payload to store: with `redact`, no IP address or known host name is left in either. */
export function freezeDraft(draft: SnapshotDraft, redact: boolean): { title: string; payload: SnapshotPayload } {
  const frozen = { title: draft.title, payload: draft.payload };
  return redact ? redactPayload(frozen, draft.hostnames) : frozen;
}

function currentOf(c: HostCurrentDto | null): HostCurrentDto | null {
  return (
    c && {
      at: c.at,
      kernel: c.kernel,
      timeWait: c.timeWait,
      established: c.established,
      twServer: c.twServer,
      twClient: c.twClient,
      newConnectionsPerSec: c.newConnectionsPerSec,
    }
  );
}

function scrubbedError(h: Pick<HostDto, "lastError" | "username" | "keyPath" | "passphraseEnv">): string | null {
  return h.lastError && scrubErrorMessage(h.lastError, h);
}

/** `10.0.0.5:80` → `10.0.0.5`, `[2001:db8::1]:443` → `2001:db8::1`, `db.internal:5432` → `db.internal`. */
export function addressOfPeer(peer: string): string {
  const colon = peer.lastIndexOf(":");
  return (colon > 0 ? peer.slice(0, colon) : peer).replace(/^\[|\]$/g, "");
}

import type { AnalysisReport, StoredAnalysis } from "./advice/report";
import type { Severity } from "./advice/types";
import type { Message, StoredText } from "./i18n/message";
import type { FleetPageInfo, FleetQuery, FleetTotals } from "./fleet-query";
import type {
  ConfiguredSysctl,
  ConntrackTable,
  HostStatus,
  HostTransport,
  SshSettings,
  HostNamespaces,
  SocketOwners,
  StoredSecretKind,
  TimeWaitBreakdown,
} from "./types";

/** A host as the API returns it. Holds no secret: key paths, env variable names, and whether a secret is stored. */
export interface HostDto extends SshSettings {
  id: number;
  name: string;
  transport: HostTransport;
  /** What kind of secret twscope holds for the host and when it was last set; never the secret itself. */
  storedSecret: { kind: StoredSecretKind; updatedAt: number } | null;
  tags: string[];
  /** The zone whose collectors poll the host; null: the collectors started without a zone. */
  zone: string | null;
  /** The host it is reached through (OpenSSH's ProxyJump), itself a twscope host; null: directly. */
  jumpHostId: number | null;
  /** The jump hosts it is reached through, the one twscope connects to first first; empty: directly. */
  jumpChain: { id: number; name: string }[];
  /**
   * Who polls the host: the collector holding its lease now, or `null` when none does, with `noCollector`
   * set when that is because no collector of its zone is alive (a bundle host is never polled: both empty).
   */
  collector: string | null;
  noCollector: boolean;
  hostKeyFingerprint: string | null;
  /** The key the host presented when it did not match (or nothing was pinned yet). */
  seenFingerprint: string | null;
  status: HostStatus;
  lastError: string | null;
  lastPollAt: number | null;
  lastOkAt: number | null;
  current: HostCurrentDto | null;
  /** The most severe finding of the advisor, null before the first sample. */
  /** Its title is a catalogue message rendered in the reader's language (English text in summaries stored before). */
  worst: { severity: Severity; ruleId: string; title: StoredText } | null;
}

/**
 * One host of the fleet list (`GET /api/hosts`): what the fleet table, its filters and tiles show.
 * Connection settings (key path, fingerprints, stored secret) are on `GET /api/hosts/:id` only.
 */
export interface FleetHostDto extends Pick<
  HostDto,
  | "id"
  | "name"
  | "transport"
  | "address"
  | "port"
  | "username"
  | "tags"
  | "zone"
  | "collector"
  | "noCollector"
  | "status"
  | "lastError"
  | "lastPollAt"
  | "current"
  | "worst"
> {
  /** TIME_WAIT over the last hour, one averaged point a minute (oldest first); empty before the first sample. */
  sparkline: (number | null)[];
}

/**
 * `GET /api/hosts`: one page of the fleet view (filtered, sorted and cut on the server), where it sits
 * among the matched hosts, and what the tiles, the tag filter and "Across the fleet" show of the whole
 * fleet. Staleness for the `stale` filter and the totals is judged by the server's clock at `asOf`;
 * the browser judges the rows' own age by its clock with `pollIntervalMs` (see lib/host/freshness.ts).
 */
export interface FleetDto extends FleetPageInfo {
  hosts: FleetHostDto[];
  /** The query as the server read it, defaults filled in. */
  query: FleetQuery;
  totals: FleetTotals;
  findings: FleetFindingDto[];
  /** Every tag of the fleet, sorted. */
  tags: string[];
  asOf: number;
  pollIntervalMs: number;
  /** The collectors heard from in the last day, and the zones whose hosts none of them polls. */
  collectors: CollectorDto[];
  uncoveredZones: { zone: string | null; hosts: number }[];
}

/** One collector process (`npm start`, or `twscope collector` near its hosts) as the fleet page shows it. */
export interface CollectorDto {
  name: string;
  /** The zone it polls; null: the hosts without a zone. */
  zone: string | null;
  hostname: string;
  startedAt: number;
  heartbeatAt: number;
  /** live: heartbeating; stopped: it left cleanly; silent: no heartbeat for a lease period (it died, or lost the database). */
  state: "live" | "stopped" | "silent";
  hosts: number;
  polls: number;
  failedPolls: number;
  /** Duties it performs for every process: "retention", "alerts". */
  roles: string[];
}

/** `GET /api/hosts/names`: every host's id, name, tags, transport and address, by name (for pickers that must offer the whole fleet). */
export interface HostNamesDto {
  hosts: { id: number; name: string; tags: string[]; transport: HostTransport; address: string }[];
}

export interface HostCurrentDto {
  at: number;
  kernel: string | null;
  timeWait: number | null;
  established: number | null;
  twServer: number;
  twClient: number;
  /** Connections opened plus accepted per second since the previous sample. */
  newConnectionsPerSec: number | null;
}

export interface HostDetailDto extends HostDto {
  /** The server's poll interval, so the page can tell when the latest sample turns stale without a refetch. */
  pollIntervalMs: number;
  latest: LatestSampleDto | null;
  /** Kept as data: rendered in the reader's language where shown (`renderAnalysis`, or `renderText` per text). */
  analysis: StoredAnalysis | null;
  recentErrors: { at: number; status: HostStatus; message: string }[];
}

export interface LatestSampleDto {
  at: number;
  bytes: number;
  durationMs: number;
  kernel: string | null;
  sysctls: Record<string, string>;
  missingSysctls: string[];
  configuredSysctls: ConfiguredSysctl[];
  timeWait: TimeWaitBreakdown;
  /** The processes behind the largest TIME_WAIT groups; null when the probe did not look them up (older probes, sockets read with ss). */
  owners: SocketOwners | null;
  /** The host's other network namespaces (containers, pods); null when the probe did not tell them apart. */
  namespaces: HostNamespaces | null;
  /** The conntrack table; null where connection tracking is not loaded or the probe is older. */
  conntrack: ConntrackTable | null;
  states: Record<string, number>;
  listeningPorts: number[];
  problems: string[];
}

export interface SeriesPointDto {
  /** The first sample the point merges (the start of its rollup bucket for rollups). */
  t: number;
  /** The last moment the point covers: its last sample, or the end of its last rollup bucket. Absent in older snapshots. */
  t1?: number;
  /** How many samples the point merges. Absent in older snapshots. */
  n?: number;
  /** Average TIME_WAIT in the point's bucket, with the lowest and highest sample so spikes survive. */
  tw: number | null;
  twMin: number | null;
  twMax: number | null;
  estab: number | null;
  twServer: number | null;
  twClient: number | null;
  twRate: number | null;
  overflowRate: number | null;
  reuseRate: number | null;
  activeOpensRate: number | null;
}

export interface SeriesDto {
  hostId: number;
  range: string;
  /** Where the points come from: raw samples, or 1-minute / 15-minute rollups for older ranges. */
  source: "raw" | "1m" | "15m";
  from: number;
  to: number;
  points: SeriesPointDto[];
  /** Stretches of the range without samples where polls were due (over 2.5 poll intervals). */
  gaps: SeriesGapDto[];
  /** Changes of status, kernel release or a TIME_WAIT sysctl within the range, oldest first. */
  events: HostEventDto[];
}

export interface SeriesGapDto {
  from: number;
  to: number;
  /**
   * Why no sample was taken, worded where it is shown; null when nothing was recorded. A string in
   * snapshots taken before reasons were data: their English words ("unreachable: connect ECONNREFUSED").
   */
  reason: GapReason | string | null;
}

/** A failing status the host was in (with the poll's error as SSH or the OS gave it), or that the host was not added yet. */
export type GapReason = { status: HostStatus; message: string | null } | { beforeAdded: true };

/** A change of status, kernel release or sysctl, worded where it is shown ("tcp_tw_reuse 2 → 1", "status ok → unreachable"). */
export interface HostChangeEventDto {
  at: number;
  kind: "status" | "kernel" | "sysctl";
  /** "status", "kernel", or the sysctl's full name. */
  subject: string;
  before: string | null;
  after: string | null;
}

/** An event in a snapshot taken before changes were data: its English words. */
export interface WordedHostEventDto {
  at: number;
  kind: HostChangeEventDto["kind"];
  text: string;
}

export type HostEventDto = HostChangeEventDto | WordedHostEventDto;

export interface ConnectionTestDto {
  fingerprint: string | null;
  keyType: string | null;
  status: HostStatus;
  message: string | null;
  timeWait: number | null;
  kernel: string | null;
}

export interface ImportResultDto {
  created: HostDto[];
  /** Why each was skipped: twscope's words as a message, or an error message quoted as it came (a host setting refused, say). */
  skipped: { name: string; reason: StoredText }[];
  /** Config lines not applied (`Match`, `Include`, proxy options), each with its 1-based line number. */
  ignored: { line: number; directive: string; text: string; reason: Message }[];
  /** Hosts created with something to fix first, e.g. an IdentityFile that does not exist on the twscope server. */
  warnings: { name: string; message: Message }[];
}

/** A host with a finding; the live fleet page also gets the time and source of its sample, to judge its age by. */
export interface FleetFindingHostDto {
  id: number;
  name: string;
  severity: Severity;
  transport?: HostTransport;
  at?: number;
}

/** One rule's findings across the fleet. */
export interface FleetFindingDto {
  ruleId: string;
  title: StoredText;
  severity: Severity;
  /** On the fleet page the first few (most severe, then by name); in a snapshot every one. */
  hosts: FleetFindingHostDto[];
  /** How many hosts have the finding; absent in snapshots, whose `hosts` lists them all. */
  hostCount?: number;
}

export interface BundleImportDto {
  host: HostDto;
  /** In the language of the request. */
  analysis: AnalysisReport;
  missing: string[];
}

/** One bucket of one port's or destination's TIME_WAIT: the average over the samples that kept it, lowest and highest. */
interface BreakdownPointDto {
  t: number;
  avg: number;
  min: number;
  max: number;
}

export interface BreakdownKeyDto {
  /** A listening port ("443") or a destination ("10.0.0.5:5432", "[2001:db8::1]:443"). */
  key: string;
  /** The highest count of the key in the range: keys are ranked by it. */
  peak: number;
  points: BreakdownPointDto[];
}

/** TIME_WAIT over time of the busiest listening ports or destinations of a host. */
export interface BreakdownSeriesDto {
  hostId: number;
  range: string;
  kind: "port" | "peer";
  source: "raw" | "1m" | "15m";
  from: number;
  to: number;
  /** How many entries of each breakdown a sample keeps: a key missing from a point was not among them. */
  keptPerSample: number;
  keys: BreakdownKeyDto[];
}

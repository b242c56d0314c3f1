import type { StoredAnalysis } from "../advice/report";
import type { BreakdownSeriesDto, FleetFindingDto, FleetHostDto, HostDto, LatestSampleDto, SeriesDto } from "../dto";

/** The part of a host's latest sample its page shows. */
type PageSample = Pick<LatestSampleDto, "at" | "kernel" | "sysctls" | "missingSysctls" | "configuredSysctls" | "timeWait"> &
  Partial<Pick<LatestSampleDto, "owners" | "namespaces" | "conntrack">>;

/**
 * What a host page renders. A live `HostDetailDto` fits it; a snapshot stores exactly this,
 * without the SSH user, key settings, fingerprints or poll history.
 */
export interface HostPageData extends Pick<
  HostDto,
  "name" | "status" | "transport" | "address" | "port" | "lastPollAt" | "lastError" | "current"
> {
  username?: string;
  /** Who polls it, on the live page only (a snapshot names no twscope server). */
  zone?: string | null;
  collector?: string | null;
  noCollector?: boolean;
  /** The poll interval at capture (live pages have it too); snapshots taken before it was stored have none. */
  pollIntervalMs?: number;
  latest: PageSample | null;
  /** Kept as data, so a snapshot reads in its viewer's language; English strings in snapshots taken before. */
  analysis: StoredAnalysis | null;
}

/**
 * One fleet table row as a snapshot stores it; `id` numbers rows within the snapshot, not hosts. Without the SSH
 * user, and without who polls it (collector names are the twscope servers' own).
 */
export type FleetRowData = Omit<FleetHostDto, "username" | "zone" | "collector" | "noCollector">;

export interface HostSnapshotPayload {
  kind: "host";
  host: HostPageData;
  /**
   * The chart range that was on screen, at most `SNAPSHOT_MAX_POINTS` points with min/max kept;
   * gaps and events are absent in snapshots taken before they were recorded.
   */
  series: Omit<SeriesDto, "hostId" | "gaps" | "events"> & Partial<Pick<SeriesDto, "gaps" | "events">>;
  /** TIME_WAIT per listening port and per destination over the same range; absent in snapshots taken before it existed. */
  breakdowns?: HostSnapshotBreakdowns;
}

export type FrozenBreakdown = Omit<BreakdownSeriesDto, "hostId">;
interface HostSnapshotBreakdowns {
  port: FrozenBreakdown;
  peer: FrozenBreakdown;
}

export interface FleetSnapshotPayload {
  kind: "fleet";
  hosts: FleetRowData[];
  findings: FleetFindingDto[];
  /** The poll interval at capture; absent in snapshots taken before it was stored. */
  pollIntervalMs?: number;
}

export type SnapshotPayload = HostSnapshotPayload | FleetSnapshotPayload;

export interface SnapshotMeta {
  kind: SnapshotPayload["kind"];
  title: string;
  createdAt: number;
  expiresAt: number;
  creatorName: string;
  redacted: boolean;
}

/** What `GET /api/s/<token>` returns and `/s/<token>` renders. */
export interface PublicSnapshotDto {
  meta: SnapshotMeta;
  payload: SnapshotPayload;
}

/** A snapshot in its creator's (or an admin's) list: never the token, which exists only in the link. */
export interface SnapshotListItemDto extends SnapshotMeta {
  id: number;
  hostId: number | null;
  revokedAt: number | null;
  state: "live" | "expired" | "revoked";
}

/** The answer to a creation: the only time the token is ever shown. */
export interface SnapshotCreatedDto extends SnapshotMeta {
  id: number;
  token: string;
  url: string;
}

import "server-only";
import type { Principal } from "@/lib/auth/types";
import type { SnapshotCreateInput } from "@/lib/snapshot/schema";
import { addressOfPeer, fleetSnapshotDraft, freezeDraft, hostSnapshotDraft } from "@/lib/snapshot/payload";
import type { PublicSnapshotDto, SnapshotCreatedDto, SnapshotListItemDto, SnapshotPayload } from "@/lib/snapshot/types";
import { clientKey } from "../auth/client-address";
import { RateLimiter } from "../auth/rate-limit";
import { hashToken, randomToken } from "../auth/tokens";
import { recordAudit } from "../db/audit";
import { latestSample } from "../db/samples";
import * as snapshots from "../db/snapshots";
import { AppError, notFound } from "../errors";
import { getRuntime } from "../context";
import { fleetFindings } from "./fleet/findings";
import { hostBreakdowns } from "./hosts/breakdown-series";
import { fleetEntries } from "./fleet/fleet";
import { getHostDetail, hostSeries } from "./hosts/hosts";

const DAY_MS = 86_400_000;
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

/** Sent with every snapshot page and JSON answer: links stay out of referrers, search engines and caches. */
export { SNAPSHOT_HEADERS } from "../http/security-headers";

/** Freezes what the host or fleet page shows now; the token is returned here once and stored only as its hash. */
export function createSnapshot(input: SnapshotCreateInput, who: Principal, now = Date.now()): SnapshotCreatedDto {
  const { db } = getRuntime();
  assertRoomForSnapshot(db, who, now);
  const draft = input.kind === "host"
    ? hostSnapshotDraft(getHostDetail(input.hostId), hostSeries(input.hostId, input.range, now), hostBreakdowns(input.hostId, input.range, now))
    : fleetDraft(now);
  const { title, payload } = freezeDraft(draft, input.redact);
  const json = JSON.stringify(payload);
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw new AppError(413, "too_large", `the snapshot would be over ${MAX_PAYLOAD_BYTES / 1024 / 1024} MiB; share a host or a shorter range`);
  }
  const token = randomToken();
  const meta = { kind: input.kind, title, createdAt: now, expiresAt: now + input.expiresInDays * DAY_MS, creatorName: who.name, redacted: input.redact };
  const hostId = input.kind === "host" ? input.hostId : null;
  const id = snapshots.insertSnapshot(db, { ...meta, tokenHash: hashToken(token), hostId, creatorId: who.userId, payload: json });
  recordAudit(db, who.name, "snapshot.create", title, { id, kind: input.kind, hostId, redacted: input.redact, expiresAt: meta.expiresAt }, now);
  return { ...meta, id, token, url: `/s/${token}` };
}

export const SNAPSHOTS_PER_HOUR = 60;
export const LIVE_SNAPSHOTS_PER_USER = 200;
const creations = new WeakMap<object, RateLimiter>();

/** A viewer may share, but not fill the disk: creations per hour and live links per user are bounded. */
function assertRoomForSnapshot(db: ReturnType<typeof getRuntime>["db"], who: Principal, now: number): void {
  let limiter = creations.get(db);
  if (!limiter) creations.set(db, (limiter = new RateLimiter(SNAPSHOTS_PER_HOUR, 3_600_000)));
  const live = snapshots.countLiveSnapshots(db, who.name, now);
  if (live >= LIVE_SNAPSHOTS_PER_USER) {
    throw new AppError(429, "too_many_snapshots", `you have ${live} live snapshots, the most one user may hold; revoke some first`);
  }
  const wait = limiter.hit(who.name.toLowerCase(), now);
  if (wait > 0) throw new AppError(429, "rate_limited", `at most ${SNAPSHOTS_PER_HOUR} snapshots an hour; try again in ${wait} s`, { retryAfter: wait });
}

function fleetDraft(now: number) {
  const { db, config } = getRuntime();
  const entries = fleetEntries(now);
  const names = entries.flatMap(({ record }) => {
    const sample = latestSample(db, record.id)?.sample;
    return sample ? [...(sample.hostname ? [sample.hostname] : []), ...sample.timeWait.byPeer.map((g) => addressOfPeer(g.peer))] : [];
  });
  return fleetSnapshotDraft(entries.map(({ record, row }) => ({ ...row, keyPath: record.keyPath, passphraseEnv: record.passphraseEnv })),
    fleetFindings(), config.pollIntervalMs, names);
}

export type OpenedSnapshot =
  | { status: "live"; snapshot: PublicSnapshotDto }
  | { status: "expired"; expiresAt: number }
  | { status: "unknown" };

/**
 * A snapshot by its token, for anyone holding the link. Every token, malformed ones included,
 * takes the same path: one hash, one indexed lookup. Revoked answers as unknown. Writes nothing.
 */
export function openSnapshot(token: string, now = Date.now()): OpenedSnapshot {
  const row = snapshots.findSnapshotByHash(getRuntime().db, hashToken(token), now);
  if (!row || row.revokedAt !== null) return { status: "unknown" };
  if (row.expiresAt <= now || row.payload === null) return { status: "expired", expiresAt: row.expiresAt };
  const { kind, title, createdAt, expiresAt, creatorName, redacted } = row;
  return { status: "live", snapshot: { meta: { kind, title, createdAt, expiresAt, creatorName, redacted }, payload: JSON.parse(row.payload) as SnapshotPayload } };
}

/** The caller's own snapshots, newest first; an admin sees everyone's. */
export function listSnapshotsFor(who: Principal, now = Date.now()): SnapshotListItemDto[] {
  const owner = who.role === "admin" ? null : { creatorId: who.userId, creatorName: who.name };
  return snapshots.listSnapshots(getRuntime().db, owner).map(({ creatorId: _private, ...s }) => ({
    ...s, state: s.revokedAt !== null ? "revoked" : s.expiresAt <= now ? "expired" : "live",
  }));
}

/** Revokes for good (the link answers 404 from now on). Someone else's snapshot is "not found" to a viewer. */
export function revokeSnapshot(id: number, who: Principal, now = Date.now()): void {
  const { db } = getRuntime();
  const s = snapshots.getSnapshot(db, id);
  if (!s || !(who.role === "admin" || ownedBy(s, who))) throw notFound(`snapshot ${id}`);
  if (s.revokedAt !== null) return;
  snapshots.markSnapshotRevoked(db, id, now);
  recordAudit(db, who.name, "snapshot.revoke", s.title, { id }, now);
}

/** Users by id; users named by a trusted proxy (no id) by name. */
function ownedBy(s: snapshots.SnapshotRecord, who: Principal): boolean {
  return who.userId !== null ? s.creatorId === who.userId : s.creatorId === null && s.creatorName === who.name;
}

const holder = globalThis as typeof globalThis & { __twscopeSnapshotLimiter?: RateLimiter };

/**
 * Counts one request to a snapshot path (page or JSON) for the client: 60 a minute. Returns the
 * seconds to wait when over the limit (answer 429 with Retry-After), else 0.
 */
export function snapshotRateWait(req: { headers: Headers }, now = Date.now()): number {
  holder.__twscopeSnapshotLimiter ??= new RateLimiter(60, 60_000);
  return holder.__twscopeSnapshotLimiter.hit(clientKey(req), now);
}


import "server-only";
import type { Principal } from "@/lib/auth/types";
import type { SnapshotCreateInput } from "@/lib/snapshot/schema";
import { addressOfPeer, fleetSnapshotDraft, freezeDraft, hostSnapshotDraft } from "@/lib/snapshot/payload";
import type { PublicSnapshotDto, SnapshotCreatedDto, SnapshotListItemDto, SnapshotPayload } from "@/lib/snapshot/types";
import { SharedRateLimiter } from "../auth/rate-limit";
import { hashToken, randomToken } from "../auth/tokens";
import { recordAudit } from "../db/audit";
import { listLatestSamples } from "../db/samples";
import * as snapshots from "../db/snapshots";
import { errors, thing } from "../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../context";
import type { Db } from "../db/open-database";
import { hostBreakdowns } from "./hosts/breakdown-series";
import { fleetEntries, fleetFindings } from "./fleet/fleet";
import { getHostDetail } from "./hosts/host-detail";
import { hostSeries } from "./hosts/series";

const DAY_MS = 86_400_000;
const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

/** Freezes what the host or fleet page shows now; the token is returned here once and stored only as its hash. */
export async function createSnapshot(
  ctx: AppContext,
  input: SnapshotCreateInput,
  who: Principal,
  now = Date.now(),
): Promise<SnapshotCreatedDto> {
  const { db } = ctx;
  await assertRoomForSnapshot(db, who, now);
  const draft =
    input.kind === "host"
      ? hostSnapshotDraft(
          await getHostDetail(ctx, input.hostId),
          await hostSeries(ctx, input.hostId, input.range, now),
          await hostBreakdowns(ctx, input.hostId, input.range, now),
        )
      : await fleetDraft(ctx, now);
  const { title, payload } = freezeDraft(draft, input.redact);
  const json = JSON.stringify(payload);
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw errors.tooLarge(msg("errors.snapshotTooLarge", { mib: String(MAX_PAYLOAD_BYTES / 1024 / 1024) }));
  }
  const token = randomToken();
  const meta = {
    kind: input.kind,
    title,
    createdAt: now,
    expiresAt: now + input.expiresInDays * DAY_MS,
    creatorName: who.name,
    redacted: input.redact,
  };
  const hostId = input.kind === "host" ? input.hostId : null;
  const id = await snapshots.insertSnapshot(db, { ...meta, tokenHash: hashToken(token), hostId, creatorId: who.userId, payload: json });
  await recordAudit(
    db,
    who.name,
    "snapshot.create",
    title,
    { id, kind: input.kind, hostId, redacted: input.redact, expiresAt: meta.expiresAt },
    now,
  );
  return { ...meta, id, token, url: `/s/${token}` };
}

const SNAPSHOTS_PER_HOUR = 60;
const LIVE_SNAPSHOTS_PER_USER = 200;
const CREATIONS = new SharedRateLimiter("snapshot-create", SNAPSHOTS_PER_HOUR, 3_600_000);

/** A viewer may share, but not fill the disk: creations per hour (on every process together) and live links per user are bounded. */
async function assertRoomForSnapshot(db: Db, who: Principal, now: number): Promise<void> {
  const live = await snapshots.countLiveSnapshots(db, who.name, now);
  if (live >= LIVE_SNAPSHOTS_PER_USER) {
    throw errors.tooManySnapshots(msg("errors.tooManyLiveSnapshots", { live: String(live) }));
  }
  const wait = await CREATIONS.hit(db, who.name.toLowerCase(), now);
  if (wait > 0) throw errors.rateLimited(msg("errors.snapshotsPerHour", { max: String(SNAPSHOTS_PER_HOUR) }), wait);
}

async function fleetDraft(ctx: AppContext, now: number) {
  const { db, config } = ctx;
  const entries = await fleetEntries(ctx, now);
  const latest = await listLatestSamples(db);
  const names = entries.flatMap(({ record }) => {
    const sample = latest.get(record.id)?.sample;
    return sample ? [...(sample.hostname ? [sample.hostname] : []), ...sample.timeWait.byPeer.map((g) => addressOfPeer(g.peer))] : [];
  });
  return fleetSnapshotDraft(
    entries.map(({ record, row }) => ({ ...row, keyPath: record.keyPath, passphraseEnv: record.passphraseEnv })),
    await fleetFindings(ctx),
    config.pollIntervalMs,
    names,
  );
}

export type OpenedSnapshot =
  { status: "live"; snapshot: PublicSnapshotDto } | { status: "expired"; expiresAt: number } | { status: "unknown" };

/**
 * A snapshot by its token, for anyone holding the link. Every token, malformed ones included,
 * takes the same path: one hash, one indexed lookup. Revoked answers as unknown. Writes nothing.
 */
export async function openSnapshot(ctx: AppContext, token: string, now = Date.now()): Promise<OpenedSnapshot> {
  const row = await snapshots.findSnapshotByHash(ctx.db, hashToken(token), now);
  if (!row || row.revokedAt !== null) return { status: "unknown" };
  if (row.expiresAt <= now || row.payload === null) return { status: "expired", expiresAt: row.expiresAt };
  const { kind, title, createdAt, expiresAt, creatorName, redacted } = row;
  return {
    status: "live",
    snapshot: { meta: { kind, title, createdAt, expiresAt, creatorName, redacted }, payload: JSON.parse(row.payload) as SnapshotPayload },
  };
}

/** The caller's own snapshots, newest first; an admin sees everyone's. */
export async function listSnapshotsFor(ctx: AppContext, who: Principal, now = Date.now()): Promise<SnapshotListItemDto[]> {
  const owner = who.role === "admin" ? null : { creatorId: who.userId, creatorName: who.name };
  return (await snapshots.listSnapshots(ctx.db, owner)).map(({ creatorId: _private, ...s }) => ({
    ...s,
    state: s.revokedAt !== null ? "revoked" : s.expiresAt <= now ? "expired" : "live",
  }));
}

/** Revokes for good (the link answers 404 from now on). Someone else's snapshot is "not found" to a viewer. */
export async function revokeSnapshot({ db }: AppContext, id: number, who: Principal, now = Date.now()): Promise<void> {
  const s = await snapshots.getSnapshot(db, id);
  if (!s || !(who.role === "admin" || ownedBy(s, who))) throw errors.notFound(thing("snapshot", id));
  if (s.revokedAt !== null) return;
  await snapshots.markSnapshotRevoked(db, id, now);
  await recordAudit(db, who.name, "snapshot.revoke", s.title, { id }, now);
}

/** Users by id; users named by a trusted proxy (no id) by name. */
function ownedBy(s: snapshots.SnapshotRecord, who: Principal): boolean {
  return who.userId !== null ? s.creatorId === who.userId : s.creatorId === null && s.creatorName === who.name;
}

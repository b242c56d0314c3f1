import "server-only";
import type { HostDto } from "@/lib/dto";
import type { HostCreateInput, HostUpdateInput } from "@/lib/schemas";
import * as hosts from "../../db/hosts";
import { recordAudit } from "../../db/audit";
import { requestPollOf } from "../../db/change-markers";
import { latestSample } from "../../db/samples";
import { errors } from "../../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../../context";
import { saveHostSecret } from "./stored-credentials";
import { toHostDto } from "../host-dto";
import { requireHost } from "./host-detail";
import { expandHome } from "./expand-home";
import { askForPoll } from "./ask-poll";
import { checkJumpHost } from "./jump-host-check";

export async function createHost(ctx: AppContext, input: HostCreateInput, actor: string): Promise<HostDto> {
  const { db, poller } = ctx;
  if (await hosts.getHostByName(db, input.name)) throw errors.conflict(msg("errors.hostExists", { name: input.name }));
  await checkJumpHost(db, input.jumpHostId ?? null, null);
  const { secret, ...fields } = input;
  const host = await db.tx(async (t) => {
    const inserted = await hosts.insertHost(t, { ...fields, keyPath: expandHome(fields.keyPath) });
    await recordAudit(t, actor, "host.add", inserted.name, {
      id: inserted.id,
      address: inserted.address,
      fingerprint: inserted.hostKeyFingerprint,
    });
    if (secret) await saveHostSecret({ ...ctx, db: t }, inserted, secret, actor);
    return (await hosts.getHost(t, inserted.id))!;
  });
  poller.pollSoon(host.id);
  return toHostDto(host, null);
}

export async function updateHost(ctx: AppContext, id: number, patch: HostUpdateInput, actor: string): Promise<HostDto> {
  const { db } = ctx;
  const before = await requireHost(db, id);
  if (patch.name) {
    const other = await hosts.getHostByName(db, patch.name);
    if (other && other.id !== id) throw errors.conflict(msg("errors.hostExists", { name: patch.name }));
  }
  if (patch.jumpHostId !== undefined) await checkJumpHost(db, patch.jumpHostId, before);
  const { secret, ...fields } = patch;
  const keyPath = fields.keyPath === undefined || fields.keyPath === null ? fields.keyPath : expandHome(fields.keyPath);
  const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
  const host = await db.tx(async (t) => {
    if (secret) await saveHostSecret({ ...ctx, db: t }, before, secret, actor);
    if ((fields.authMethod ?? before.authMethod) === "stored" && !secret && !before.storedSecret) {
      throw errors.badRequest(msg("errors.hostNeedsSecret", { route: "PUT /api/hosts/{id}/secret" }));
    }
    if (changed.length > 0 || !secret) await recordAudit(t, actor, "host.edit", before.name, { id, fields: changed });
    return (await hosts.updateHost(t, id, { ...fields, keyPath }))!;
  });
  await askForPoll(ctx, id);
  return toHostDto(host, await latestSample(db, id));
}

export async function removeHost(ctx: AppContext, id: number, actor: string): Promise<void> {
  const { db, pool, poller } = ctx;
  const host = await requireHost(db, id);
  const behind = await hosts.hostsBehind(db, id);
  if (behind.length > 0)
    throw errors.conflict(msg("errors.hostsBehind", { hosts: behind.join(", "), count: behind.length, name: host.name }));
  await hosts.deleteHost(db, id);
  await recordAudit(db, actor, "host.remove", host.name, { id });
  poller.hostsChanged();
  pool.evict(id);
}

/**
 * Pins the key a host presented. The caller repeats the fingerprint it was shown, so a key that
 * changed again between showing and confirming is not trusted by accident.
 */
export async function trustHostKey(ctx: AppContext, id: number, fingerprint: string, actor: string): Promise<HostDto> {
  const { db, pool } = ctx;
  const host = await requireHost(db, id);
  if (host.transport !== "ssh") throw errors.badRequest(msg("errors.localHostNoKey"));
  if (host.seenFingerprint !== fingerprint) {
    throw errors.conflict(msg("errors.keyChanged", { seen: host.seenFingerprint ?? msg("errors.noKey"), fingerprint }));
  }
  await hosts.pinHostKey(db, id, fingerprint);
  await recordAudit(db, actor, "host.trust-key", host.name, { id, previous: host.hostKeyFingerprint, fingerprint });
  pool.evict(id);
  await askForPoll(ctx, id);
  return toHostDto((await hosts.getHost(db, id))!, await latestSample(db, id));
}

/**
 * Queues an immediate poll (the result shows up in the host's status and samples), unless one is
 * running (nothing to do) or the last manual poll was too recent (429 with Retry-After).
 */
export async function pollHostNow(ctx: AppContext, id: number): Promise<{ queued: boolean; running?: true }> {
  const host = await requireHost(ctx.db, id);
  const result = ctx.poller.requestPoll(host);
  if (result.queued) {
    // Another process's collector may hold the host: it polls when it sees the request.
    await requestPollOf(ctx.db, id);
    return { queued: true };
  }
  if (result.reason === "running") return { queued: false, running: true };
  const seconds = Math.ceil(result.retryAfterMs / 1000);
  throw errors.rateLimited(msg("errors.pollTooSoon", { name: host.name }), seconds);
}

import "server-only";
import os from "node:os";
import type { HostDetailDto, HostDto, ImportResultDto, SeriesDto } from "@/lib/dto";
import { hostCreateSchema, type HostCreateInput, type HostUpdateInput } from "@/lib/schemas";
import { RANGE_MS, type Range } from "@/lib/series-range";
import { parseSshConfig } from "@/lib/ssh-config";
import * as hosts from "../db/hosts";
import { MINUTE_TIER, QUARTER_TIER } from "../db/rollups";
import { recordAudit } from "../db/audit";
import { latestSample, readRollupSeries, readSeries } from "../db/samples";
import { badRequest, conflict, notFound } from "../errors";
import { getRuntime } from "../runtime";
import { hostSummary } from "./host-summaries";
import { saveHostSecret } from "./host-secrets";
import { toHostDto, toLatestDto } from "./host-dto";

function requireHost(id: number): hosts.HostRecord {
  const host = hosts.getHost(getRuntime().db, id);
  if (!host) throw notFound(`host ${id}`);
  return host;
}

export function getHostDetail(id: number): HostDetailDto {
  const { db, config } = getRuntime();
  const host = requireHost(id);
  const s = hostSummary(db, id);
  const analysis = s?.analysis ?? null;
  return {
    ...toHostDto(host, s?.latest ?? null, analysis, s?.rates ?? null), pollIntervalMs: config.pollIntervalMs,
    latest: s ? toLatestDto(s.latest) : null, analysis,
    recentErrors: hosts.recentErrors(db, id),
  };
}

export function createHost(input: HostCreateInput, actor: string): HostDto {
  const { db, poller } = getRuntime();
  if (hosts.getHostByName(db, input.name)) throw conflict(`a host named ${input.name} exists already`);
  const { secret, ...fields } = input;
  const host = db.transaction(() => {
    const inserted = hosts.insertHost(db, { ...fields, keyPath: expandHome(fields.keyPath) });
    recordAudit(db, actor, "host.add", inserted.name, { id: inserted.id, address: inserted.address, fingerprint: inserted.hostKeyFingerprint });
    if (secret) saveHostSecret(db, inserted, secret, actor);
    return hosts.getHost(db, inserted.id)!;
  })();
  poller.pollSoon(host.id);
  return toHostDto(host, null);
}

export function updateHost(id: number, patch: HostUpdateInput, actor: string): HostDto {
  const { db, poller } = getRuntime();
  const before = requireHost(id);
  if (patch.name) {
    const other = hosts.getHostByName(db, patch.name);
    if (other && other.id !== id) throw conflict(`a host named ${patch.name} exists already`);
  }
  const { secret, ...fields } = patch;
  const keyPath = fields.keyPath === undefined || fields.keyPath === null ? fields.keyPath : expandHome(fields.keyPath);
  const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
  const host = db.transaction(() => {
    if (secret) saveHostSecret(db, before, secret, actor);
    if ((fields.authMethod ?? before.authMethod) === "stored" && !secret && !before.storedSecret) {
      throw badRequest("store a key or password for the host first: send it as secret, or PUT /api/hosts/{id}/secret");
    }
    if (changed.length > 0 || !secret) recordAudit(db, actor, "host.edit", before.name, { id, fields: changed });
    return hosts.updateHost(db, id, { ...fields, keyPath })!;
  })();
  poller.pollSoon(id);
  return toHostDto(host, latestSample(db, id));
}

export function removeHost(id: number, actor: string): void {
  const { db, pool } = getRuntime();
  const host = requireHost(id);
  hosts.deleteHost(db, id);
  recordAudit(db, actor, "host.remove", host.name, { id });
  pool.evict(id);
}

/**
 * Pins the key a host presented. The caller repeats the fingerprint it was shown, so a key that
 * changed again between showing and confirming is not trusted by accident.
 */
export function trustHostKey(id: number, fingerprint: string, actor: string): HostDto {
  const { db, pool, poller } = getRuntime();
  const host = requireHost(id);
  if (host.transport !== "ssh") throw badRequest("the local host has no SSH host key");
  if (host.seenFingerprint !== fingerprint) {
    throw conflict(`the host last presented ${host.seenFingerprint ?? "no key"}, not ${fingerprint}; test the connection again`);
  }
  hosts.pinHostKey(db, id, fingerprint);
  recordAudit(db, actor, "host.trust-key", host.name, { id, previous: host.hostKeyFingerprint, fingerprint });
  pool.evict(id);
  poller.pollSoon(id);
  return toHostDto(hosts.getHost(db, id)!, latestSample(db, id));
}

/** A host's chart series for a range, from raw samples while they are kept, else from the rollup tier that covers it. */
export function hostSeries(id: number, range: Range, now = Date.now()): SeriesDto {
  requireHost(id);
  const { db, config } = getRuntime();
  const from = now - RANGE_MS[range];
  if (RANGE_MS[range] <= config.retention.rawMs) return { hostId: id, range, source: "raw", from, to: now, points: readSeries(db, id, from, now) };
  const minute = RANGE_MS[range] <= config.retention.minuteMs;
  const points = readRollupSeries(db, id, minute ? MINUTE_TIER : QUARTER_TIER, from, now);
  return { hostId: id, range, source: minute ? "1m" : "15m", from, to: now, points };
}

/** Creates one host per concrete `Host` alias of an OpenSSH config; keys are not trusted until a user confirms them. */
export function importSshConfig(text: string, defaultUser: string | undefined, actor: string): ImportResultDto {
  const { db, poller } = getRuntime();
  const result: ImportResultDto = { created: [], skipped: [] };
  for (const entry of parseSshConfig(text)) {
    const user = entry.user ?? defaultUser;
    if (hosts.getHostByName(db, entry.alias)) { result.skipped.push({ name: entry.alias, reason: "a host with this name exists" }); continue; }
    if (!user) { result.skipped.push({ name: entry.alias, reason: "no User in the config and no default user given" }); continue; }
    const parsed = hostCreateSchema.safeParse({
      name: entry.alias, address: entry.hostName, port: entry.port ?? 22, username: user,
      authMethod: entry.identityFile ? "key" : "agent", keyPath: expandHome(entry.identityFile ?? undefined), tags: ["imported"],
    });
    if (!parsed.success) { result.skipped.push({ name: entry.alias, reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }); continue; }
    const host = hosts.insertHost(db, parsed.data);
    recordAudit(db, actor, "host.add", host.name, { id: host.id, address: host.address, from: "ssh-config" });
    poller.pollSoon(host.id);
    result.created.push(toHostDto(host, null));
  }
  return result;
}

function expandHome(p: string | undefined): string | undefined {
  if (!p) return p;
  return p === "~" || p.startsWith("~/") ? os.homedir() + p.slice(1) : p;
}

/** Queues an immediate poll; the result shows up in the host's status and samples. */
export function pollHostNow(id: number): { queued: true } {
  requireHost(id);
  getRuntime().poller.pollSoon(id);
  return { queued: true };
}

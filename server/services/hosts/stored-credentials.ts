import "server-only";
import type { HostDto } from "@/lib/dto";
import type { HostSecretInput } from "@/lib/schemas";
import { recordAudit } from "../../db/audit";
import * as hosts from "../../db/hosts";
import type { Db } from "../../db/open-database";
import { latestSample } from "../../db/samples";
import { badRequest, conflict, notFound } from "../../errors";
import { getRuntime } from "../../context";
import { assertUsableSecret } from "../../secrets/check-secret";
import { deleteHostSecret, storeHostSecret } from "../../secrets/secret-store";
import { secretKeyFor } from "../../secrets/key";
import { toHostDto } from "../host-dto";

/**
 * Validates, encrypts and stores a host's secret and audits it (kind only). For callers that
 * already hold a transaction, such as creating or editing a host with its secret.
 */
export function saveHostSecret(db: Db, host: hosts.HostRecord, secret: HostSecretInput, actor: string): void {
  if (host.transport !== "ssh") throw badRequest("only SSH hosts log in with a stored key or password");
  assertUsableSecret(secret);
  storeHostSecret(db, secretKeyFor(db, getRuntime().config), host.id, secret);
  recordAudit(db, actor, "host.secret-set", host.name, { id: host.id, kind: secret.kind });
}

/** Sets or replaces a host's stored secret; a connection made with the old one is closed. */
export function setHostSecret(id: number, secret: HostSecretInput, actor: string): HostDto {
  const { db, pool, poller } = getRuntime();
  const host = requireHost(db, id);
  db.transaction(() => saveHostSecret(db, host, secret, actor))();
  pool.evict(id);
  if (host.authMethod === "stored") poller.pollSoon(id);
  return toHostDto(requireHost(db, id), latestSample(db, id));
}

/** Deletes a host's stored secret; refused while the host still logs in with it. */
export function clearHostSecret(id: number, actor: string): void {
  const { db, pool } = getRuntime();
  const host = requireHost(db, id);
  if (host.authMethod === "stored") throw conflict(`${host.name} logs in with its stored secret; switch it to another authentication method first`);
  if (!deleteHostSecret(db, id)) throw notFound(`a stored secret for host ${host.name}`);
  recordAudit(db, actor, "host.secret-clear", host.name, { id, kind: host.storedSecret?.kind ?? null });
  pool.evict(id);
}

function requireHost(db: Db, id: number): hosts.HostRecord {
  const host = hosts.getHost(db, id);
  if (!host) throw notFound(`host ${id}`);
  return host;
}

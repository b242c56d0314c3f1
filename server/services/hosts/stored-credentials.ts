import "server-only";
import type { HostDto } from "@/lib/dto";
import type { HostSecretInput } from "@/lib/schemas";
import { recordAudit } from "../../db/audit";
import * as hosts from "../../db/hosts";
import { latestSample } from "../../db/samples";
import { errors } from "../../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../../context";
import { assertUsableSecret } from "../../secrets/check-secret";
import { deleteHostSecret, storeHostSecret } from "../../secrets/secret-store";
import { secretKeyFor } from "../../secrets/key";
import { toHostDto } from "../host-dto";
import { requireHost } from "./host-detail";
import { askForPoll } from "./ask-poll";

/**
 * Validates, encrypts and stores a host's secret and audits it (kind only). For callers that
 * already hold a transaction, such as creating or editing a host with its secret.
 */
export async function saveHostSecret(
  { db, config }: Pick<AppContext, "db" | "config">,
  host: hosts.HostRecord,
  secret: HostSecretInput,
  actor: string,
): Promise<void> {
  if (host.transport !== "ssh") throw errors.badRequest(msg("errors.storedSecretSshOnly"));
  assertUsableSecret(secret);
  await storeHostSecret(db, await secretKeyFor(db, config), host.id, secret);
  await recordAudit(db, actor, "host.secret-set", host.name, { id: host.id, kind: secret.kind });
}

/** Sets or replaces a host's stored secret; a connection made with the old one is closed. */
export async function setHostSecret(ctx: AppContext, id: number, secret: HostSecretInput, actor: string): Promise<HostDto> {
  const { db, pool, poller } = ctx;
  const host = await requireHost(db, id);
  await db.tx((t) => saveHostSecret({ db: t, config: ctx.config }, host, secret, actor));
  pool.evict(id);
  poller.hostsChanged();
  if (host.authMethod === "stored") {
    await askForPoll(ctx, id);
  }
  return toHostDto(await requireHost(db, id), await latestSample(db, id));
}

/** Deletes a host's stored secret; refused while the host still logs in with it. */
export async function clearHostSecret({ db, pool, poller }: AppContext, id: number, actor: string): Promise<void> {
  const host = await requireHost(db, id);
  if (host.authMethod === "stored") throw errors.conflict(msg("errors.secretInUse", { name: host.name }));
  if (!(await deleteHostSecret(db, id))) throw errors.notFound(msg("errors.things.hostSecret", { name: host.name }));
  await recordAudit(db, actor, "host.secret-clear", host.name, { id, kind: host.storedSecret?.kind ?? null });
  pool.evict(id);
  poller.hostsChanged();
}

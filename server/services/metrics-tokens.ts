import "server-only";
import type { Principal } from "@/lib/auth/types";
import type { MetricsTokenCreatedDto, MetricsTokenDto } from "@/lib/metrics/tokens";
import { hashToken, randomToken } from "../auth/tokens";
import { recordAudit } from "../db/audit";
import * as tokens from "../db/metrics-tokens";
import { errors, thing } from "../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../context";

export async function listMetricsTokens({ db }: AppContext): Promise<MetricsTokenDto[]> {
  return await tokens.listMetricsTokens(db);
}

/** A new scrape token: returned here once, stored only as its SHA-256. */
export async function createMetricsToken(
  { db }: AppContext,
  name: string,
  who: Principal,
  now = Date.now(),
): Promise<MetricsTokenCreatedDto> {
  if (await tokens.getMetricsTokenByName(db, name)) throw errors.conflict(msg("errors.metricsTokenExists", { name }));
  const token = randomToken();
  const created = await tokens.insertMetricsToken(db, name, hashToken(token), who.name, now);
  await recordAudit(db, who.name, "metrics-token.create", name, { id: created.id }, now);
  return { ...created, token };
}

/** Revokes for good: the next scrape with it answers 401. */
export async function revokeMetricsToken({ db }: AppContext, id: number, who: Principal, now = Date.now()): Promise<void> {
  const token = await tokens.getMetricsToken(db, id);
  if (!token || !(await tokens.deleteMetricsToken(db, id))) throw errors.notFound(thing("metrics token", id));
  await recordAudit(db, who.name, "metrics-token.revoke", token.name, { id }, now);
}

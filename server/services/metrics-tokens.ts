import "server-only";
import type { Principal } from "@/lib/auth/types";
import type { MetricsTokenCreatedDto, MetricsTokenDto } from "@/lib/metrics/tokens";
import { hashToken, randomToken } from "../auth/tokens";
import { recordAudit } from "../db/audit";
import * as tokens from "../db/metrics-tokens";
import { errors } from "../errors";
import type { AppContext } from "../context";

export function listMetricsTokens({ db }: AppContext): MetricsTokenDto[] {
  return tokens.listMetricsTokens(db);
}

/** A new scrape token: returned here once, stored only as its SHA-256. */
export function createMetricsToken({ db }: AppContext, name: string, who: Principal, now = Date.now()): MetricsTokenCreatedDto {
  if (tokens.getMetricsTokenByName(db, name)) throw errors.conflict(`a metrics token named ${name} exists already`);
  const token = randomToken();
  const created = tokens.insertMetricsToken(db, name, hashToken(token), who.name, now);
  recordAudit(db, who.name, "metrics-token.create", name, { id: created.id }, now);
  return { ...created, token };
}

/** Revokes for good: the next scrape with it answers 401. */
export function revokeMetricsToken({ db }: AppContext, id: number, who: Principal, now = Date.now()): void {
  const token = tokens.getMetricsToken(db, id);
  if (!token || !tokens.deleteMetricsToken(db, id)) throw errors.notFound(`metrics token ${id}`);
  recordAudit(db, who.name, "metrics-token.revoke", token.name, { id }, now);
}

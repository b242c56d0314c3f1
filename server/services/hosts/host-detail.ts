import "server-only";
import { analyzeSample } from "@/lib/advice/analyze";
import { buildReport, type AnalysisReport } from "@/lib/advice/report";
import type { HostDetailDto } from "@/lib/dto";
import * as hosts from "../../db/hosts";
import type { Db } from "../../db/open-database";
import { latestRates, latestSample } from "../../db/samples";
import { errors } from "../../errors";
import type { AppContext } from "../../context";
import { toHostDto, toLatestDto } from "../host-dto";

/** A host by id, or 404. */
export function requireHost(db: Db, id: number): hosts.HostRecord {
  const host = hosts.getHost(db, id);
  if (!host) throw errors.notFound(`host ${id}`);
  return host;
}

/** The advisor's full report on a host's latest sample (with the rates since the sample before); null before its first sample. */
export function latestReport(db: Db, hostId: number): AnalysisReport | null {
  const latest = latestSample(db, hostId);
  return latest ? buildReport(latest.sample, analyzeSample(latest.sample, latestRates(db, hostId))) : null;
}

/** A host's page: the host, its latest sample, and the advisor's full report on it (with the rates since the sample before). */
export function getHostDetail({ db, config }: AppContext, id: number): HostDetailDto {
  const host = requireHost(db, id);
  const latest = latestSample(db, id);
  const rates = latest ? latestRates(db, id) : null;
  const analysis: AnalysisReport | null = latest ? buildReport(latest.sample, analyzeSample(latest.sample, rates)) : null;
  return {
    ...toHostDto(host, latest, analysis, rates),
    pollIntervalMs: config.pollIntervalMs,
    latest: latest ? toLatestDto(latest) : null,
    analysis,
    recentErrors: hosts.recentErrors(db, id),
  };
}

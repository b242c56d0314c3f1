import "server-only";
import { analyzeSample } from "@/lib/advice/analyze";
import { analysisData, type StoredAnalysis } from "@/lib/advice/report";
import type { HostDetailDto } from "@/lib/dto";
import type { SampleRates } from "@/lib/types";
import * as hosts from "../../db/hosts";
import type { Db } from "../../db/open-database";
import { latestRates, latestSample, type StoredLatest } from "../../db/samples";
import { errors, thing } from "../../errors";
import type { AppContext } from "../../context";
import { toHostDto, toLatestDto } from "../host-dto";
import { pollingOf } from "./polling";

/** A host by id, or 404. */
export async function requireHost(db: Db, id: number): Promise<hosts.HostRecord> {
  const host = await hosts.getHost(db, id);
  if (!host) throw errors.notFound(thing("host", id));
  return host;
}

/** A host's latest sample, the rates stored with it, and the advisor's full report on both (as data, for any language); null before its first sample. */
export async function latestAnalysis(
  db: Db,
  hostId: number,
): Promise<{ latest: StoredLatest; rates: SampleRates | null; report: StoredAnalysis } | null> {
  const latest = await latestSample(db, hostId);
  if (!latest) return null;
  const rates = await latestRates(db, hostId);
  return { latest, rates, report: analysisData(latest.sample, analyzeSample(latest.sample, rates)) };
}

/** A host's page: the host, its latest sample, and the advisor's full report on it (with the rates since the sample before). */
export async function getHostDetail({ db, config }: AppContext, id: number): Promise<HostDetailDto> {
  const host = await requireHost(db, id);
  const found = await latestAnalysis(db, id);
  const latest = found?.latest ?? null;
  const analysis = found?.report ?? null;
  return {
    ...toHostDto(host, latest, analysis, found?.rates ?? null, await pollingOf({ db, config }, host)),
    pollIntervalMs: config.pollIntervalMs,
    latest: latest ? toLatestDto(latest) : null,
    analysis,
    recentErrors: await hosts.recentErrors(db, id),
  };
}

import "server-only";
import type { CollectorDto, FleetDto } from "@/lib/dto";
import { hostsPerZone, recentCollectors, type CollectorCoverage, type CollectorRecord } from "../../db/collectors";
import type { Db } from "../../db/db";

const DAY_MS = 86_400_000;

function toCollectorDto(c: CollectorRecord, now: number, leaseMs: number): CollectorDto {
  const state = c.stoppedAt !== null ? "stopped" : c.heartbeatAt >= now - leaseMs ? "live" : "silent";
  const { name, zone, hostname, startedAt, heartbeatAt, hosts, polls, failedPolls, roles } = c;
  return { name, zone, hostname, startedAt, heartbeatAt, state, hosts: state === "live" ? hosts : 0, polls, failedPolls, roles };
}

/** The collectors heard from in the last day, and the zones with polled hosts but no live collector (once collectors run at all). */
export async function collectorsOverview(
  db: Db,
  coverage: CollectorCoverage,
  now: number,
  leaseMs: number,
): Promise<Pick<FleetDto, "collectors" | "uncoveredZones">> {
  const collectors = (await recentCollectors(db, now - DAY_MS)).map((c) => toCollectorDto(c, now, leaseMs));
  const uncoveredZones = coverage.anyKnown ? (await hostsPerZone(db)).filter((z) => !coverage.liveZones.has(z.zone)) : [];
  return { collectors, uncoveredZones };
}

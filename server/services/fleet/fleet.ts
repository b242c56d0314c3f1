import "server-only";
import type { FleetDto, FleetHostDto } from "@/lib/dto";
import { listHosts, type HostRecord } from "../../db/hosts";
import { getRuntime } from "../../context";
import { fleetSummaries } from "./summaries";
import { toFleetHostDto } from "../host-dto";
import { sparklinesOf } from "./sparklines";

/** Each host's fleet row beside its record (a share link scrubs errors with the record's connection settings). */
export function fleetEntries(now = Date.now()): { record: HostRecord; row: FleetHostDto }[] {
  const { db } = getRuntime();
  const summaries = fleetSummaries(db);
  const lines = sparklinesOf(db, [...summaries.keys()], now);
  return listHosts(db).map((record) => ({
    record, row: toFleetHostDto(record, summaries.get(record.id) ?? null, lines.get(record.id) ?? []),
  }));
}

/** The fleet list: every host with status, current counts, worst finding and last hour's sparkline. */
export function listFleetHosts(now = Date.now()): FleetHostDto[] {
  return fleetEntries(now).map((e) => e.row);
}

/** `GET /api/hosts` and the fleet page's first render: the rows and the poll interval their age is judged by. */
export function fleetOverview(now = Date.now()): FleetDto {
  return { hosts: listFleetHosts(now), pollIntervalMs: getRuntime().config.pollIntervalMs };
}

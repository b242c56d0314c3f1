import "server-only";
import { collectorCoverage, lacksCollector, leaseHolder } from "../../db/collectors";
import type { HostRecord } from "../../db/hosts";
import type { AppContext } from "../../context";
import type { Polling } from "../host-dto";

/** Who polls `host` now: the collector holding its lease, or whether its zone has no collector alive. */
export async function pollingOf({ db, config }: Pick<AppContext, "db" | "config">, host: HostRecord, now = Date.now()): Promise<Polling> {
  const coverage = await collectorCoverage(db, now - config.collector.leaseMs);
  return { collector: await leaseHolder(db, host.id, now), noCollector: lacksCollector(host, coverage) };
}

import "server-only";
import type { Db } from "../../db/db";
import { readSparklines } from "../../db/samples";

const SPARK_MINUTES = 60;

/**
 * TIME_WAIT over the last hour for each of `hostIds`, one averaged point per clock minute (oldest
 * first), read through the samples' primary key: about 240 rows a host, so a page of hosts costs
 * little (one statement) and only the page's hosts are read.
 */
export async function sparklinesOf(db: Db, hostIds: number[], now = Date.now()): Promise<Map<number, (number | null)[]>> {
  const minute = Math.floor(now / 60_000) * 60_000;
  const from = minute - (SPARK_MINUTES - 1) * 60_000;
  return readSparklines(db, hostIds, from, 60_000, SPARK_MINUTES);
}

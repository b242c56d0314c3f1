import "server-only";
import type { Db } from "../../db/open-database";
import { readHostSparkline } from "../../db/samples";

const SPARK_MINUTES = 60;
const caches = new WeakMap<Db, { minute: number; lines: Map<number, (number | null)[]> }>();

/**
 * TIME_WAIT over the last hour for each of `hostIds`, one averaged point per clock minute (oldest
 * first). Lines are drawn once per minute and host: under polling every host has a new sample at
 * nearly every request, and redrawing each line each time would read an hour of samples per host.
 * The point of the current minute is as of the first request in that minute.
 */
export async function sparklinesOf(db: Db, hostIds: number[], now = Date.now()): Promise<Map<number, (number | null)[]>> {
  const minute = Math.floor(now / 60_000) * 60_000;
  let cache = caches.get(db);
  if (!cache || cache.minute !== minute) caches.set(db, (cache = { minute, lines: new Map() }));
  const out = new Map<number, (number | null)[]>();
  for (const id of hostIds) {
    let line = cache.lines.get(id);
    if (!line) cache.lines.set(id, (line = await readHostSparkline(db, id, minute - (SPARK_MINUTES - 1) * 60_000, 60_000, SPARK_MINUTES)));
    out.set(id, line);
  }
  // A removed host's id can be reused by the next host added: its line must not outlive it.
  if (cache.lines.size > out.size) for (const id of cache.lines.keys()) if (!out.has(id)) cache.lines.delete(id);
  return out;
}

import { median, timed } from "./stats";

export interface ApiTiming {
  ms: number[];
  medianMs: number;
  /** Response body size of the last request. */
  bytes: number;
}

/** One GET of a path on the server under test, body read. */
export type Get = (path: string) => Promise<{ ok: boolean; status: number; text: string }>;

const WARM_UPS = 2;

interface GetOptions {
  /** Runs before each request, outside its timing. */
  before?: () => void | Promise<void>;
  onBody?: (body: unknown) => void;
}

/** GETs `pathOf(i)` `WARM_UPS + count` times, one at a time, timing each full response (body read) after the warm-ups. */
export async function timeGets(get: Get, count: number, pathOf: (i: number) => string, o: GetOptions = {}): Promise<ApiTiming> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARM_UPS + count; i++) {
    await o.before?.();
    const run = await timed(() => get(pathOf(i)));
    if (!run.result.ok) throw new Error(`GET ${pathOf(i)}: ${run.result.status} ${run.result.text.slice(0, 200)}`);
    if (i >= WARM_UPS) ms.push(run.ms);
    bytes = Buffer.byteLength(run.result.text);
    o.onBody?.(JSON.parse(run.result.text));
  }
  return { ms, medianMs: median(ms), bytes };
}

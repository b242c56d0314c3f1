import path from "node:path";
import { parseArgs } from "node:util";
import type { CollectorsSize } from "./collectors";
import type { ScaleSize } from "./scale";

/** Sizes of one benchmark run: the full sizes, or `--quick` ones small enough for CI. */
export interface BenchOptions {
  quick: boolean;
  /** Run one part alone: `scale` (both engines) needs neither root nor the lab; `collectors` needs both; `namespaces` needs root. */
  only: Part | null;
  outDir: string;
  /** Lab hosts polled in the fleet round. */
  hosts: number;
  /** twscope rounds per fleet figure; rounds of Ansible and the ssh loop; Ansible runs over persisted masters. */
  rounds: number;
  fanOutRounds: number;
  persistRounds: number;
  /** Connections the generator makes on the busy host (about that many TIME_WAIT sockets). */
  timeWaitConnections: number;
  probeRuns: number;
  seed: { hosts: number; rawHours: number; minuteDays: number; quarterDays: number };
  /** Hosts of the small database the storage figure is measured on. */
  storageHosts: number;
  apiRequests: number;
  /** Hosts and rounds of the alert evaluation's cost per poll round. */
  alerts: { hosts: number; rounds: number };
  memory: { seconds: number; pollIntervalSeconds: number };
  /** Parallelism of every fan-out: twscope's poll concurrency, Ansible's forks, the ssh loop's. */
  parallel: number;
  /** The fleet page and API at scale: seeded hosts and hours of raw samples, requests per figure, page loads. */
  scale: ScaleSize;
  /** Collector processes on PostgreSQL polling lab hosts: throughput with one and two, then a fail-over. */
  collectors: CollectorsSize;
}

const USAGE = "usage: npm run bench [-- [--quick] [--out DIR] [--hosts N] [--only scale|collectors|namespaces]]";
const PARTS = ["scale", "collectors", "namespaces"] as const;
type Part = (typeof PARTS)[number];

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        quick: { type: "boolean", default: false },
        out: { type: "string", default: "bench-results" },
        hosts: { type: "string" },
        only: { type: "string" },
      },
    }).values;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const values = parseFlags(argv);
  const quick = values.quick!;
  const hosts = values.hosts === undefined ? (quick ? 5 : 100) : Number(values.hosts);
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 500) throw new Error(`--hosts takes 1 to 500, not ${values.hosts}`);
  const only = values.only ?? null;
  if (only !== null && !(PARTS as readonly string[]).includes(only))
    throw new Error(`--only takes ${PARTS.join(", ")}, not ${only}\n${USAGE}`);
  return {
    quick,
    only: only as BenchOptions["only"],
    outDir: path.resolve(values.out!),
    hosts,
    rounds: quick ? 3 : 5,
    // An Ansible round of 100 lab hosts takes 30 to 40 s here: three fresh and one over persisted
    // masters keep the full run under 10 minutes.
    fanOutRounds: quick ? 1 : 3,
    persistRounds: 1,
    timeWaitConnections: quick ? 20_000 : 130_000,
    probeRuns: quick ? 3 : 7,
    seed: { hosts: quick ? 50 : 1000, rawHours: quick ? 2 : 24, minuteDays: 7, quarterDays: 7 },
    storageHosts: quick ? 2 : 10,
    apiRequests: quick ? 5 : 15,
    alerts: quick ? { hosts: 100, rounds: 5 } : { hosts: 1000, rounds: 9 },
    memory: quick ? { seconds: 8, pollIntervalSeconds: 2 } : { seconds: 30, pollIntervalSeconds: 2 },
    parallel: 25,
    scale: quick ? { hosts: 300, rawHours: 1, requests: 5, paints: 3 } : { hosts: 10_000, rawHours: 24, requests: 15, paints: 7 },
    collectors: {
      hosts: quick ? 20 : 500,
      // Saturated: every host due every second; see collectorsNotes for why this many polls at once.
      // 128 new SSH logins at once take longer than the default 10 s on two cores busy with the sshds: 60 s.
      throughput: { intervalS: 1, leaseS: 15, concurrency: 128, readyTimeoutS: 60, windowS: quick ? 5 : 30 },
      // The defaults (lease 15 s, interval 15 s, 16 polls at once, 10 s to log in) for the full run; a short pair keeps CI's quick run short.
      failover: { intervalS: quick ? 2 : 15, leaseS: quick ? 3 : 15, concurrency: 16, readyTimeoutS: 10 },
    },
  };
}

import fs from "node:fs";
import Database from "better-sqlite3";
import { startServer } from "@/tests/support/next-app";
import { owe } from "./cleanup";
import { median, pause } from "./stats";

export interface ServerMemory {
  hosts: number;
  seconds: number;
  pollIntervalSeconds: number;
  /** Samples stored while RSS was watched: proof that the server was polling. */
  polls: number;
  rssMb: number[];
  rssMaxMb: number;
  rssMedianMb: number;
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

const countRows = (file: string, sql: string, ...params: unknown[]) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * The real server (`node scripts/serve.mjs`) polling every host in `dataDir`; its resident memory
 * is read from /proc every 500 ms for `seconds`, after one poll interval to get going.
 */
export async function measureServerMemory(dataDir: string, seconds: number, pollIntervalSeconds: number): Promise<ServerMemory> {
  const file = `${dataDir}/twscope.db`;
  const hosts = countRows(file, "SELECT COUNT(*) AS n FROM hosts WHERE transport != 'bundle'");
  const server = await startServer({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLL_INTERVAL: String(pollIntervalSeconds) });
  const paid = owe(server.stop);
  try {
    await pause(pollIntervalSeconds * 1000);
    const from = Date.now();
    const samples: number[] = [];
    while (Date.now() - from < seconds * 1000) {
      samples.push(rssMb(server.server.pid!));
      await pause(500);
    }
    const polls = countRows(file, "SELECT COUNT(*) AS n FROM samples WHERE ts >= ?", from);
    return { hosts, seconds, pollIntervalSeconds, polls, rssMb: samples, rssMaxMb: Math.max(...samples), rssMedianMb: median(samples) };
  } finally {
    server.stop();
    paid();
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAnyBundle } from "@/lib/bundle/plain/parse-any-bundle";
import { insertBundleHost } from "@/server/db/hosts";
import { openDatabase, type Db } from "@/server/db/open-database";
import { insertSample } from "@/server/db/samples";
import { latestSummaries, latestSummary, sparklineOf } from "@/server/services/host-summaries";
import { readFixture } from "../../support/fixtures";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 30);
const RATES = { twPerSec: null, twRecycledPerSec: null, twKilledPerSec: null, twOverflowPerSec: null, pawsPassivePerSec: null, activeOpensPerSec: null, passiveOpensPerSec: null, listenDropsPerSec: null };
const sampleOf = (scenario: string) => parseAnyBundle(readFixture("bundles", "lab", `${scenario}.txt`)).sample;

describe("host summaries, parsed and analysed once per sample", () => {
  let dir: string;
  let db: Db;
  let hostId: number;
  const store = (scenario: string, at: number) => insertSample(db, { hostId, at, sample: sampleOf(scenario), rates: RATES, bytes: 1, durationMs: 1 });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-summaries-"));
    db = openDatabase(path.join(dir, "t.db"));
    hostId = insertBundleHost(db, "h", NOW).id;
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reuses a summary until a newer sample lands, then analyses the new one", () => {
    store("keepalive-healthy", NOW - 30_000);
    const first = latestSummaries(db).get(hostId)!;
    expect(first.analysis!.findings[0]!.ruleId).toBe("healthy");
    expect(latestSummaries(db).get(hostId)).toBe(first);
    expect(latestSummary(db, hostId)).toBe(first);
    store("client-port-exhaustion", NOW - 15_000);
    const second = latestSummaries(db).get(hostId)!;
    expect(second).not.toBe(first);
    expect(second.analysis!.findings[0]!.ruleId).toBe("client-port-exhaustion");
    expect(latestSummary(db, hostId)).toBe(second);
  });

  it("forgets a host that is gone", () => {
    store("keepalive-healthy", NOW);
    expect(latestSummaries(db).size).toBe(1);
    db.prepare("DELETE FROM hosts WHERE id = ?").run(hostId);
    expect(latestSummaries(db).size).toBe(0);
    expect(latestSummary(db, hostId)).toBeNull();
  });

  it("draws the sparkline per clock minute and redraws it when the minute turns", () => {
    const insert = db.prepare("INSERT INTO samples (host_id, ts, tw) VALUES (?, ?, ?)");
    const minute = Math.floor(NOW / 60_000) * 60_000;
    insert.run(hostId, minute - 60_000, 10);
    insert.run(hostId, minute - 45_000, 30);
    insert.run(hostId, minute + 15_000, 99);
    store("keepalive-healthy", minute + 20_000);
    latestSummaries(db);
    const line = sparklineOf(db, hostId, NOW);
    expect(line).toHaveLength(60);
    expect(line.slice(-2)).toEqual([20, expect.any(Number)]);
    expect(line.slice(0, 58).every((v) => v === null)).toBe(true);
    expect(sparklineOf(db, hostId, NOW + 10_000)).toBe(line);
    const next = sparklineOf(db, hostId, NOW + 60_000);
    expect(next).not.toBe(line);
    expect(next.at(-3)).toBe(20);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { getHost, insertBundleHost, insertHost } from "@/server/db/hosts";
import { openDatabase, type Db } from "@/server/db/open-database";
import { latestReading } from "@/server/db/samples";
import { recordSample } from "@/server/ingest/record-sample";
import { pollHost } from "@/server/poll/poll-host";
import { readFixture } from "../../support/fixtures";

const BUNDLE = readFixture("bundles", "centos7-3.10.txt");
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

describe("the write path of samples", () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-write-path-"));
    db = openDatabase(path.join(dir, "t.db"));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (hostId: number) => ({
    series: db
      .prepare("SELECT * FROM samples WHERE host_id = ? ORDER BY ts")
      .all(hostId)
      .map((r) => ({ ...(r as object), host_id: 0 })),
    summary: (db.prepare("SELECT summary FROM latest_summaries WHERE host_id = ?").get(hostId) as { summary: string }).summary,
    breakdowns: db.prepare("SELECT kind, ts, key, count FROM breakdown_samples WHERE host_id = ? ORDER BY kind, key").all(hostId),
    status: getHost(db, hostId)!.status,
  });

  it("stores a poll and an import of the same output alike: series row, summary, breakdowns and status", async () => {
    const polled = insertHost(db, {
      name: "polled",
      address: "10.0.0.9",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
      hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
    });
    await pollHost(
      db,
      polled,
      { runProbe: async () => ({ text: BUNDLE, bytes: BUNDLE.length, durationMs: 3 }) },
      { script: "", limits: { timeoutMs: 1000, maxBytes: 1 << 20 }, now: () => T0 },
    );
    const imported = insertBundleHost(db, "imported", T0);
    recordSample(db, { hostId: imported.id, at: T0, sample: parseProbeBundle(BUNDLE), bytes: BUNDLE.length, durationMs: 3 });
    expect(rowsOf(imported.id)).toEqual(rowsOf(polled.id));
    expect(rowsOf(polled.id).status).toBe("ok");
  });

  it("computes rates from the previous counter reading kept apart, not from the previous full sample", () => {
    const host = insertBundleHost(db, "counted", T0);
    const first = parseProbeBundle(BUNDLE);
    recordSample(db, { hostId: host.id, at: T0, sample: first, bytes: 1, durationMs: 1 });
    // With the counters gone from the previous full sample, only the reading kept apart can give the rate.
    db.prepare("UPDATE latest_samples SET sample = json_set(sample, '$.counters', json('{}')) WHERE host_id = ?").run(host.id);
    const second = { ...first, counters: { ...first.counters, "TcpExt.TW": (first.counters["TcpExt.TW"] ?? 0) + 150 } };
    const { rates, hadPrevious } = recordSample(db, { hostId: host.id, at: T0 + 15_000, sample: second, bytes: 1, durationMs: 1 });
    expect(hadPrevious).toBe(true);
    expect(rates.twPerSec).toBe(10);
    expect(latestReading(db, host.id)).toEqual({ at: T0 + 15_000, uptimeSeconds: second.uptimeSeconds, counters: second.counters });
  });
});

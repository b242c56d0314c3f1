import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { getHost, insertBundleHost, insertHost } from "@/server/db/hosts";
import type { Db } from "@/server/db/open-database";
import { latestReading } from "@/server/db/samples";
import { recordSample } from "@/server/ingest/record-sample";
import { pollHost } from "@/server/poll/poll-host";
import { readFixture } from "../../support/fixtures";
import { openTestDatabase } from "../../support/engines";

const BUNDLE = readFixture("bundles", "centos7-3.10.txt");
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

describe("the write path of samples", () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-write-path-"));
    db = await openTestDatabase(dir);
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = async (hostId: number) => ({
    series: (await db.all("SELECT * FROM samples WHERE host_id = ? ORDER BY ts", [hostId])).map((r) => ({ ...(r as object), host_id: 0 })),
    summary: ((await db.get("SELECT summary FROM latest_summaries WHERE host_id = ?", [hostId])) as { summary: string }).summary,
    breakdowns: await db.all("SELECT kind, ts, key, count FROM breakdown_samples WHERE host_id = ? ORDER BY kind, key", [hostId]),
    status: (await getHost(db, hostId))!.status,
  });

  it("stores a poll and an import of the same output alike: series row, summary, breakdowns and status", async () => {
    const polled = await insertHost(db, {
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
    const imported = await insertBundleHost(db, "imported", T0);
    await recordSample(db, { hostId: imported.id, at: T0, sample: parseProbeBundle(BUNDLE), bytes: BUNDLE.length, durationMs: 3 });
    expect(await rowsOf(imported.id)).toEqual(await rowsOf(polled.id));
    expect((await rowsOf(polled.id)).status).toBe("ok");
  });

  it("computes rates from the previous counter reading kept apart, not from the previous full sample", async () => {
    const host = await insertBundleHost(db, "counted", T0);
    const first = parseProbeBundle(BUNDLE);
    await recordSample(db, { hostId: host.id, at: T0, sample: first, bytes: 1, durationMs: 1 });
    // With the counters gone from the previous full sample, only the reading kept apart can give the rate.
    await db.run("UPDATE latest_samples SET sample = ? WHERE host_id = ?", [JSON.stringify({ ...first, counters: {} }), host.id]);
    const second = { ...first, counters: { ...first.counters, "TcpExt.TW": (first.counters["TcpExt.TW"] ?? 0) + 150 } };
    const { rates, hadPrevious } = await recordSample(db, { hostId: host.id, at: T0 + 15_000, sample: second, bytes: 1, durationMs: 1 });
    expect(hadPrevious).toBe(true);
    expect(rates.twPerSec).toBe(10);
    expect(await latestReading(db, host.id)).toEqual({ at: T0 + 15_000, uptimeSeconds: second.uptimeSeconds, counters: second.counters });
  });
});

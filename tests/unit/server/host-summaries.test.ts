import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { SUMMARY_REVISION, summarizeSample } from "@/lib/sample/summary";
import type { SampleRates } from "@/lib/types";
import { insertBundleHost } from "@/server/db/hosts";
import { MIGRATIONS } from "@/server/db/sqlite/migrations";
import { openDatabase, type Db } from "@/server/db/open-database";
import { storeSample } from "@/server/ingest/record-sample";
import { fleetSummaries } from "@/server/services/fleet/summaries";
import { latestAnalysis } from "@/server/services/hosts/host-detail";
import { sparklinesOf } from "@/server/services/fleet/sparklines";
import { readFixture } from "../../support/fixtures";
import { chinese, english } from "../../support/i18n";
import { renderText } from "@/lib/i18n/message";
import { sqliteConnection } from "../../support/sqlite";
import { NO_RATES } from "../../support/rates";
import { ensurePartitionsBetween } from "@/server/db/postgres/partitions";
import { itOnSqlite, openTestDatabase } from "../../support/engines";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 30);
const RATES: SampleRates = { ...NO_RATES, twPerSec: 40, activeOpensPerSec: 30, passiveOpensPerSec: 12.5 };
const sampleOf = (scenario: string) => parseAnyBundle(readFixture("bundles", "lab", `${scenario}.txt`)).sample;

/** A database as twscope wrote it before summaries were stored (schema version 4). */
function version4Database(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("foreign_keys = OFF");
  for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql);
  db.pragma("user_version = 4");
  db.pragma("foreign_keys = ON");
  return db;
}

describe("fleet summaries, stored with each sample", () => {
  let dir: string;
  let db: Db;
  let hostId: number;
  const store = async (scenario: string, at: number, rates = NO_RATES) =>
    await storeSample(db, { hostId, at, sample: sampleOf(scenario), rates, bytes: 1, durationMs: 1 });
  // The fleet must not parse full samples: with this, it could not.
  const breakFullSamples = async () => await db.run("UPDATE latest_samples SET sample = 'not JSON'");

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-summaries-"));
    db = await openTestDatabase(dir);
    hostId = (await insertBundleHost(db, "h", NOW)).id;
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("follows the newest sample, read from the summary alone", async () => {
    await store("keepalive-healthy", NOW - 30_000);
    expect((await fleetSummaries(db)).get(hostId)).toMatchObject({ at: NOW - 30_000, findings: [{ ruleId: "healthy", severity: "info" }] });
    await store("client-port-exhaustion", NOW - 15_000, RATES);
    await breakFullSamples();
    const summary = (await fleetSummaries(db)).get(hostId)!;
    expect(summary).toEqual({ at: NOW - 15_000, ...summarizeSample(sampleOf("client-port-exhaustion"), RATES) });
    expect(summary.findings[0]).toMatchObject({ ruleId: "client-port-exhaustion", severity: "critical" });
    expect(renderText(english, summary.findings[0]!.title)).toBe("Local ports to 198.18.0.10:8080 exhausted");
    expect(renderText(chinese, summary.findings[0]!.title)).toBe("访问 198.18.0.10:8080 的本地端口已耗尽");
    expect(summary.counts).toMatchObject({ timeWait: 1000, twClient: 1000, newConnectionsPerSec: 42.5 });
  });

  it("says what the host page says", async () => {
    await store("tw-bucket-overflow", NOW - 15_000);
    await store("tw-bucket-overflow.later", NOW, { ...RATES, twOverflowPerSec: 120 });
    const page = (await latestAnalysis(db, hostId))!.report;
    const fleet = (await fleetSummaries(db)).get(hostId)!;
    expect(fleet.findings).toEqual(page.findings.map(({ ruleId, severity, title }) => ({ ruleId, severity, title })));
    expect(fleet.findings[0]!.ruleId).toBe("tw-buckets-overflow");
    expect(fleet.counts.timeWait).toBe(page.counts.timeWait);
  });

  itOnSqlite("summarises samples stored before summaries existed once, from the full sample, and keeps that summary", async () => {
    await db.close();
    const file = path.join(dir, "v4.db");
    const old = version4Database(file);
    const id = Number(
      old.prepare("INSERT INTO hosts (name, transport, address, created_at, updated_at) VALUES ('old', 'bundle', 'old', 1, 1)").run()
        .lastInsertRowid,
    );
    old
      .prepare("INSERT INTO samples (host_id, ts, tw, active_opens_rate, passive_opens_rate, tw_rate) VALUES (?, ?, 1000, 30, 12.5, 40)")
      .run(id, NOW);
    old
      .prepare("INSERT INTO latest_samples (host_id, ts, sample, bytes, duration_ms) VALUES (?, ?, ?, 1, 1)")
      .run(id, NOW, JSON.stringify(sampleOf("client-port-exhaustion")));
    old.close();
    db = await openDatabase(file);
    expect(sqliteConnection(db).pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect((await fleetSummaries(db)).get(id)).toEqual({ at: NOW, ...summarizeSample(sampleOf("client-port-exhaustion"), RATES) });
    expect(await db.get("SELECT ts, revision FROM latest_summaries WHERE host_id = ?", [id])).toEqual({
      ts: NOW,
      revision: SUMMARY_REVISION,
    });
    await breakFullSamples();
    expect((await fleetSummaries(db)).get(id)?.findings[0]?.ruleId).toBe("client-port-exhaustion");
  });

  it.each([
    ["of another revision", `UPDATE latest_summaries SET revision = ${SUMMARY_REVISION - 1}`],
    ["of an older sample", "UPDATE latest_summaries SET ts = ts - 15000"],
  ])("recomputes a summary %s from the sample", async (_what, staling) => {
    await store("client-port-exhaustion", NOW);
    await db.run("UPDATE latest_summaries SET summary = ?", [JSON.stringify(summarizeSample(sampleOf("keepalive-healthy"), null))]);
    await db.run(staling);
    expect((await fleetSummaries(db)).get(hostId)).toEqual({ at: NOW, ...summarizeSample(sampleOf("client-port-exhaustion"), null) });
    await breakFullSamples();
    expect((await fleetSummaries(db)).get(hostId)?.findings[0]?.ruleId).toBe("client-port-exhaustion");
  });

  it("drops a removed host's summary with it", async () => {
    await store("keepalive-healthy", NOW);
    const other = (await insertBundleHost(db, "other", NOW)).id;
    await storeSample(db, { hostId: other, at: NOW, sample: sampleOf("upstream"), rates: NO_RATES, bytes: 1, durationMs: 1 });
    expect([...(await fleetSummaries(db)).keys()].sort()).toEqual([hostId, other].sort());
    await db.run("DELETE FROM hosts WHERE id = ?", [hostId]);
    expect([...(await fleetSummaries(db)).keys()]).toEqual([other]);
    expect(await db.all("SELECT host_id FROM latest_summaries")).toEqual([{ host_id: other }]);
    expect(await latestAnalysis(db, hostId)).toBeNull();
  });

  it("draws the sparkline per clock minute, shifting it when the minute turns", async () => {
    const insert = (...args: number[]) => db.run("INSERT INTO samples (host_id, ts, tw) VALUES (?, ?, ?)", args);
    const minute = Math.floor(NOW / 60_000) * 60_000;
    await ensurePartitionsBetween(db, minute - 60_000, minute + 15_000);
    await insert(hostId, minute - 60_000, 10);
    await insert(hostId, minute - 45_000, 30);
    await insert(hostId, minute + 15_000, 99);
    await store("keepalive-healthy", minute + 20_000);
    const line = (await sparklinesOf(db, [hostId], NOW)).get(hostId)!;
    expect(line).toHaveLength(60);
    expect(line.slice(-2)).toEqual([20, expect.any(Number)]);
    expect(line.slice(0, 58).every((v) => v === null)).toBe(true);
    const next = (await sparklinesOf(db, [hostId], NOW + 60_000)).get(hostId)!;
    expect(next.at(-3)).toBe(20);
    expect(next.at(-1)).toBeNull();
  });

  it("draws each host's own sparkline when several are read at once, past one statement's batch of hosts", async () => {
    const minute = Math.floor(NOW / 60_000) * 60_000;
    await ensurePartitionsBetween(db, minute - 60_000, minute);
    const ids = [hostId];
    for (let i = 0; i < 520; i++) ids.push((await insertBundleHost(db, `spark-${i}`, NOW)).id);
    await db.tx(async (t) => {
      for (const [i, id] of ids.entries()) await t.run("INSERT INTO samples (host_id, ts, tw) VALUES (?, ?, ?)", [id, minute - 60_000, i]);
    });
    const lines = await sparklinesOf(db, [...ids, 999_999], NOW);
    expect(ids.map((id) => lines.get(id)!.at(-2))).toEqual(ids.map((_, i) => i));
    expect(lines.get(999_999)!.every((v) => v === null)).toBe(true);
  });
});

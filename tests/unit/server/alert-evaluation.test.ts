import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderAnnotations } from "@/lib/alerts/annotations";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { HostSample } from "@/lib/types";
import { AlertEvaluator } from "@/server/alerts/alert-evaluator";
import { getRule, listRules, saveRule } from "@/server/db/alert-rules";
import { openAlerts } from "@/server/db/alerts";
import { insertHost, recordPollStatus, type HostRecord } from "@/server/db/hosts";
import { openDatabase, type DatabaseTarget, type Db } from "@/server/db/open-database";
import { insertSilence } from "@/server/db/silences";
import type { PollOutcome } from "@/server/poll/poll-host";
import { readFixture } from "../../support/fixtures";
import { testDatabaseTarget } from "../../support/engines";
import { chinese, english } from "../../support/i18n";

const exhausted = () => parseProbeBundle(readFixture("bundles", "lab", "client-port-exhaustion.txt"));
/** A placeholder for a channel's ciphertext columns, which these tests never decrypt. */
const BYTE = Buffer.alloc(1);
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const PEER = "198.18.0.10:8080";

async function drained(): Promise<HostSample> {
  const s = exhausted();
  s.sockstat.tcpTw = 3;
  s.timeWait = { ...s.timeWait, total: 3, client: 3, byPeer: [{ peer: PEER, count: 3 }] };
  return s;
}

describe("alert evaluation after polls", () => {
  let dir: string;
  let file: DatabaseTarget;
  let db: Db;
  let host: HostRecord;
  let evaluator: AlertEvaluator;

  const newEvaluator = () =>
    new AlertEvaluator({ db, publicUrl: "https://twscope.example.test", pollIntervalMs: 15_000, groupWaitMs: 10_000 });
  const poll = (at: number, sample: HostSample | null): PollOutcome => ({
    hostId: host.id,
    status: sample ? "ok" : "unreachable",
    at,
    error: sample ? null : "connect ECONNREFUSED",
    sample,
    rates: null,
  });
  const outbox = async () =>
    (await db.all('SELECT alert_id AS "alertId", status, due_at AS "dueAt" FROM alert_notifications ORDER BY id')) as {
      alertId: number;
      status: string;
      dueAt: number;
    }[];
  const rows = async () => await db.all("SELECT state, subject FROM alerts WHERE rule_id = 'destination-port-use' ORDER BY id");

  /** Only the per-destination port-use rule, 60 s `for`, 300 s hold. */
  async function onlyPortUse(): Promise<void> {
    for (const r of await listRules(db)) await saveRule(db, { ...r, enabled: r.id === "destination-port-use" });
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-alerts-"));
    file = await testDatabaseTarget(dir);
    db = await openDatabase(file);
    host = await insertHost(db, {
      name: "client-1",
      address: "10.0.0.9",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: ["edge"],
      hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
    });
    await db.run(
      `INSERT INTO alert_channels (name, kind, options, url_hint, nonce, ciphertext, auth_tag, created_at, updated_at)
       VALUES ('team', 'webhook', '{}', 'http://127.0.0.1/…', ?, ?, ?, 0, 0)`,
      [BYTE, BYTE, BYTE],
    );
    await onlyPortUse();
    evaluator = newEvaluator();
  });
  afterEach(async () => {
    if (db.open) await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ships the built-in rules enabled, and keeps a user's tuning when the database opens again", async () => {
    await db.close();
    db = await openDatabase(file);
    expect(await getRule(db, "destination-port-use")).toMatchObject({
      builtin: true,
      enabled: true,
      forSeconds: 60,
      params: { percent: 70 },
    });
    expect((await getRule(db, "host-unreachable"))!.enabled).toBe(false);
  });

  it("is pending first, fires after `for`, queues one firing notice per channel, and keeps one alert per destination", async () => {
    await evaluator.afterPoll(poll(T0, exhausted()), T0);
    expect(await rows()).toEqual([{ state: "pending", subject: `destination=${PEER}` }]);
    expect(await outbox()).toEqual([]);
    await evaluator.afterPoll(poll(T0 + 30_000, exhausted()), T0 + 30_000);
    await evaluator.afterPoll(poll(T0 + 60_000, exhausted()), T0 + 60_000);
    await evaluator.afterPoll(poll(T0 + 75_000, exhausted()), T0 + 75_000);
    expect(await rows()).toEqual([{ state: "firing", subject: `destination=${PEER}` }]);
    const [alert] = await openAlerts(db, host.id);
    expect(alert!.labels).toEqual({ alertname: "destination-port-use", host: "client-1", severity: "critical", destination: PEER });
    // Stored as data, rendered per reader: the same alert in English and in Chinese.
    const inEnglish = renderAnnotations(english, alert!.annotations);
    expect(inEnglish.summary).toBe(`client-1: Local ports toward ${PEER} 100% used`);
    expect(inEnglish.description).toContain("1,000 TIME_WAIT to 198.18.0.10:8080 = 100% of the 1,000-port range");
    expect(inEnglish.url).toBe(`https://twscope.example.test/hosts/${host.id}`);
    expect(renderAnnotations(chinese, alert!.annotations).summary).toBe(`client-1：到 ${PEER} 的本地端口已用 100%`);
    expect(await outbox()).toEqual([{ alertId: alert!.id, status: "firing", dueAt: T0 + 60_000 + 10_000 }]);
  });

  it("queues an alertmanager channel's notice due at once (Alertmanager groups), a webhook's after the group wait", async () => {
    await db.run(
      `INSERT INTO alert_channels (name, kind, options, url_hint, nonce, ciphertext, auth_tag, created_at, updated_at)
       VALUES ('am', 'alertmanager', '{}', 'http://127.0.0.1/…', ?, ?, ?, 0, 0)`,
      [BYTE, BYTE, BYTE],
    );
    for (const t of [0, 60_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    const due = await db.all(
      'SELECT c.kind, n.due_at AS "dueAt" FROM alert_notifications n JOIN alert_channels c ON c.id = n.channel_id ORDER BY c.kind',
    );
    expect(due).toEqual([
      { kind: "alertmanager", dueAt: T0 + 60_000 },
      { kind: "webhook", dueAt: T0 + 70_000 },
    ]);
  });

  it("resolves once the destination drains, notifying the resolve of what it notified firing", async () => {
    for (const t of [0, 60_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    await evaluator.afterPoll(poll(T0 + 90_000, await drained()), T0 + 90_000);
    expect(await rows()).toEqual([{ state: "resolved", subject: `destination=${PEER}` }]);
    expect((await outbox()).map((n) => n.status)).toEqual(["firing", "resolved"]);
  });

  it("drops a pending alert that clears before `for`, notifying nothing", async () => {
    await evaluator.afterPoll(poll(T0, exhausted()), T0);
    await evaluator.afterPoll(poll(T0 + 15_000, await drained()), T0 + 15_000);
    expect(await rows()).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it("damps a flap: back within the hold time it stays resolved; after it, a new episode and a new notice", async () => {
    for (const t of [0, 60_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    await evaluator.afterPoll(poll(T0 + 75_000, await drained()), T0 + 75_000);
    for (const t of [90_000, 200_000, 360_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    expect(await rows()).toEqual([{ state: "resolved", subject: `destination=${PEER}` }]);
    expect((await outbox()).map((n) => n.status)).toEqual(["firing", "resolved"]);
    for (const t of [380_000, 440_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    expect(await rows()).toEqual([
      { state: "resolved", subject: `destination=${PEER}` },
      { state: "firing", subject: `destination=${PEER}` },
    ]);
    expect((await outbox()).map((n) => n.status)).toEqual(["firing", "resolved", "firing"]);
  });

  it("keeps its state over a restart and does not queue again what it queued before", async () => {
    for (const t of [0, 60_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    expect(await outbox()).toHaveLength(1);
    await db.close();
    db = await openDatabase(file);
    evaluator = newEvaluator();
    for (const t of [75_000, 90_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    expect(await rows()).toEqual([{ state: "firing", subject: `destination=${PEER}` }]);
    expect(await outbox()).toHaveLength(1);
  });

  it("leaves sample alerts as they are while polls fail (no sample to judge), and fires host-unreachable after its `for`", async () => {
    await saveRule(db, { ...(await getRule(db, "host-unreachable"))!, enabled: true });
    evaluator.settingsChanged();
    for (const t of [0, 60_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    await recordPollStatus(db, host.id, { status: "unreachable", error: "connect ECONNREFUSED", at: T0 + 75_000 });
    await evaluator.afterPoll(poll(T0 + 75_000, null), T0 + 75_000);
    await evaluator.afterPoll(poll(T0 + 375_000, null), T0 + 375_000);
    const open = (await openAlerts(db, host.id)).map((a) => [a.ruleId, a.state]);
    expect(open).toEqual([
      ["destination-port-use", "firing"],
      ["host-unreachable", "firing"],
    ]);
  });

  it("does not notify a silenced alert, and notifies it when the silence ends while it still fires", async () => {
    await insertSilence(db, {
      matcher: "tag",
      value: "edge",
      startsAt: T0,
      endsAt: T0 + 120_000,
      createdBy: "ops",
      reason: "planned load test",
      createdAt: T0,
    });
    evaluator.settingsChanged();
    for (const t of [0, 60_000, 90_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    expect(await rows()).toEqual([{ state: "firing", subject: `destination=${PEER}` }]);
    expect(await outbox()).toEqual([]);
    await evaluator.afterPoll(poll(T0 + 120_000, exhausted()), T0 + 120_000);
    expect((await outbox()).map((n) => n.status)).toEqual(["firing"]);
  });

  it("resolves the alerts of a rule that is switched off, and of hosts the rule no longer selects", async () => {
    for (const t of [0, 60_000]) await evaluator.afterPoll(poll(T0 + t, exhausted()), T0 + t);
    await saveRule(db, { ...(await getRule(db, "destination-port-use"))!, selector: { hosts: [], tags: ["db"] } });
    evaluator.settingsChanged();
    await evaluator.afterPoll(poll(T0 + 75_000, exhausted()), T0 + 75_000);
    expect(await rows()).toEqual([{ state: "resolved", subject: `destination=${PEER}` }]);
    expect((await outbox()).map((n) => n.status)).toEqual(["firing", "resolved"]);
  });
});

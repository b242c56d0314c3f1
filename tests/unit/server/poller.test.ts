import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertHost, getHost, type HostRecord } from "@/server/db/hosts";
import { openDatabase, type DatabaseTarget, type Db } from "@/server/db/open-database";
import { PollFailure } from "@/server/poll/poll-failure";
import type { PollOutcome } from "@/server/poll/poll-host";
import { manualPollGap, Poller } from "@/server/poll/poller";
import type { ProbeTransport } from "@/server/transport/types";
import { readFixture } from "../../support/fixtures";
import { testDatabaseTarget } from "../../support/engines";

// The scheduler is tested with a scripted transport: it needs hosts that hang or fail on cue,
// which real hosts do only slowly. Real SSH and local transports are exercised in tests/integration.
const BUNDLE = readFixture("bundles", "centos7-3.10.txt");
const ok: ProbeTransport = { runProbe: async () => ({ text: BUNDLE, bytes: BUNDLE.length, durationMs: 1 }) };
const hanging: ProbeTransport = { runProbe: () => new Promise(() => {}) };
const failing: ProbeTransport = {
  runProbe: async () => {
    throw new PollFailure("unreachable", "no route");
  },
};

describe("Poller", () => {
  let dir: string;
  let db: Db;
  let target: DatabaseTarget;
  let poller: Poller | null = null;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-poller-"));
    target = await testDatabaseTarget(dir);
    db = await openDatabase(target);
    await db.run("DELETE FROM hosts");
  });
  afterEach(async () => {
    await poller?.stop(100);
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const add = async (name: string) =>
    await insertHost(db, {
      name,
      address: name,
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
      hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
    });
  const outcomes = (p: Poller, count: number, filter: (o: PollOutcome) => boolean = () => true) =>
    new Promise<PollOutcome[]>((resolve) => {
      const seen: PollOutcome[] = [];
      p.on("poll", (o: PollOutcome) => {
        if (filter(o)) seen.push(o);
        if (seen.length === count) resolve(seen);
      });
    });
  const make = (transportFor: (h: HostRecord) => ProbeTransport, concurrency = 4) =>
    (poller = new Poller({
      db,
      transportFor,
      script: () => "",
      limits: { timeoutMs: 1000, maxBytes: 65536 },
      intervalMs: 50,
      concurrency,
      tickMs: 10,
      jitter: 0,
    }));

  it("reads its host list again only when the hosts' change marker moves or it is told, not at every tick", async () => {
    const first = await add("first");
    let listReads = 0;
    const all = db.all.bind(db);
    db.all = (sql, params) => {
      if (sql.includes("FROM hosts LEFT JOIN host_secrets") && sql.includes("ORDER BY name")) listReads++;
      return all(sql, params);
    };
    const p = make(() => ok);
    p.start();
    await outcomes(p, 5, (o) => o.hostId === first.id);
    // Five polls 50 ms apart took dozens of 10 ms ticks, and one read of the list.
    expect(listReads).toBe(1);
    const later = await add("added-with-the-marker");
    expect((await outcomes(p, 1, (o) => o.hostId === later.id))[0]!.status).toBe("ok");
    expect(listReads).toBe(2);
    p.hostsChanged();
    await outcomes(p, 2, (o) => o.hostId === first.id);
    expect(listReads).toBe(3);
  });

  it("reads its host list again when another process adds a host to the database (as the lab does)", async () => {
    const first = await add("first");
    const p = make(() => ok);
    p.start();
    await outcomes(p, 2, (o) => o.hostId === first.id);
    const other = await openDatabase(target);
    const added = await insertHost(other, {
      name: "added-by-another-process",
      address: "10.0.0.2",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
      hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
    });
    await other.close();
    expect((await outcomes(p, 1, (o) => o.hostId === added.id))[0]!.status).toBe("ok");
  });

  it("keeps polling healthy hosts while another host hangs", async () => {
    const stuck = await add("stuck");
    const healthy = await add("healthy");
    const p = make((h) => (h.id === stuck.id ? hanging : ok));
    const done = outcomes(p, 5, (o) => o.hostId === healthy.id);
    p.start();
    expect((await done).every((o) => o.status === "ok")).toBe(true);
  });

  it("never runs more polls at once than its concurrency", async () => {
    for (let i = 0; i < 10; i++) await add(`h${i}`);
    let running = 0;
    let peak = 0;
    const slow: ProbeTransport = {
      runProbe: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { text: BUNDLE, bytes: 1, durationMs: 20 };
      },
    };
    const p = make(() => slow, 3);
    const done = outcomes(p, 20);
    p.start();
    await done;
    expect(peak).toBe(3);
  });

  it("with more hosts due than free slots, polls the longest overdue first, so no host waits behind the head of its list", async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await add(`h${i}`)).id);
    // One slot and polls longer than the interval: every host is due again before its turn comes round.
    const slow: ProbeTransport = {
      runProbe: async () => {
        await new Promise((r) => setTimeout(r, 20));
        return { text: BUNDLE, bytes: 1, durationMs: 20 };
      },
    };
    const p = make(() => slow, 1);
    const done = outcomes(p, 18);
    p.start();
    const polled = (await done).map((o) => o.hostId);
    for (const id of ids) expect(polled.filter((h) => h === id).length, `host ${id}`).toBeGreaterThanOrEqual(2);
  });

  it("backs off a failing host exponentially and records each failure", async () => {
    const bad = await add("bad");
    const p = make(() => failing);
    const done = outcomes(p, 4);
    p.start();
    const times = (await done).map((o) => o.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]! * 1.5);
    expect(await getHost(db, bad.id)).toMatchObject({ status: "unreachable", consecutiveFailures: 4, lastError: "no route" });
  });

  it("waits on stop() for a poll under way, then starts no more", async () => {
    await add("one");
    let release: () => void = () => {};
    let started = 0;
    const gated: ProbeTransport = {
      runProbe: async () => {
        started++;
        await new Promise<void>((r) => {
          release = r;
        });
        return { text: BUNDLE, bytes: 1, durationMs: 1 };
      },
    };
    const p = make(() => gated);
    const first = outcomes(p, 1);
    p.start();
    await new Promise<void>((r) => {
      const wait = () => (started > 0 ? r() : setImmediate(wait));
      wait();
    });
    let stopped = false;
    const stopping = p.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await first)[0]!.status).toBe("ok");
    p.pollSoon(1);
    expect(p.running).toBe(false);
    expect(started).toBe(1);
  });

  it("gives up waiting on stop() after the grace period when a poll hangs", async () => {
    await add("hangs");
    let started = false;
    const p = make(() => ({
      runProbe: () => {
        started = true;
        return new Promise(() => {});
      },
    }));
    p.start();
    await new Promise<void>((r) => {
      const wait = () => (started ? r() : setImmediate(wait));
      wait();
    });
    const t0 = Date.now();
    await p.stop(200);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
  it("runs a manual poll only when none is running and the last one is a few seconds old", async () => {
    const host = await add("manual");
    let calls = 0;
    let release!: () => void;
    const p = make(() => ({
      runProbe: () => {
        calls++;
        return new Promise((r) => {
          release = () => r({ text: BUNDLE, bytes: BUNDLE.length, durationMs: 1 });
        });
      },
    }));
    const t0 = Date.now();
    expect(p.requestPoll((await getHost(db, host.id))!, t0)).toEqual({ queued: true });
    p.start();
    await new Promise<void>((r) => {
      const wait = () => (calls > 0 ? r() : setImmediate(wait));
      wait();
    });
    expect(p.requestPoll((await getHost(db, host.id))!, t0 + 1)).toEqual({ queued: false, reason: "running" });
    const done = outcomes(p, 1);
    release();
    await done;
    await new Promise((r) => setImmediate(r));
    expect(p.requestPoll((await getHost(db, host.id))!, t0 + 1000)).toEqual({ queued: false, reason: "too-soon", retryAfterMs: 4000 });
    expect(p.requestPoll((await getHost(db, host.id))!, t0 + 5000)).toEqual({ queued: true });
  });

  it("spaces manual polls of a failing host by its backoff, up to a minute, so requests cannot hammer its sshd", async () => {
    const host = await add("failing");
    await db.run("UPDATE hosts SET consecutive_failures = 4 WHERE id = ?", [host.id]);
    const p = (poller = new Poller({
      db,
      transportFor: () => failing,
      script: () => "",
      limits: { timeoutMs: 1000, maxBytes: 65536 },
      intervalMs: 15_000,
      concurrency: 4,
    }));
    const record = (await getHost(db, host.id))!;
    expect(p.requestPoll(record, 0)).toEqual({ queued: true });
    const retries = Array.from({ length: 100 }, (_, i) => p.requestPoll(record, 100 + i * 180));
    // 100 requests over 18 s, as in the attack: none gets through (4 failures: 15 s × 2³ backoff, capped at a minute).
    expect(retries.filter((r) => r.queued)).toEqual([]);
    expect(p.requestPoll(record, 60_000)).toEqual({ queued: true });
    expect(manualPollGap(4, 15_000)).toBe(60_000);
    expect(manualPollGap(1, 15_000)).toBe(15_000);
    expect(manualPollGap(0, 15_000)).toBe(5_000);
  });

  it("contacts a host with no trusted key once, to learn its key, then not again until asked", async () => {
    const seen = `SHA256:${"B".repeat(43)}`;
    const untrusted = await insertHost(db, {
      name: "imported",
      address: "imported",
      port: 22,
      username: "u",
      authMethod: "key",
      keyPath: "/nonexistent/key",
      tags: [],
    });
    const healthy = await add("healthy");
    let contacts = 0;
    const keyOnly: ProbeTransport = {
      runProbe: async () => {
        contacts++;
        throw new PollFailure("host-key-unknown", `no host key is trusted yet; the host presents ${seen}`, seen);
      },
    };
    const p = make((h) => (h.id === untrusted.id ? keyOnly : ok));
    const first = outcomes(p, 1, (o) => o.hostId === untrusted.id);
    const healthyPolls = outcomes(p, 6, (o) => o.hostId === healthy.id);
    p.start();
    expect((await first)[0]!.status).toBe("host-key-unknown");
    await healthyPolls;
    expect(contacts).toBe(1);
    expect(await getHost(db, untrusted.id)).toMatchObject({ status: "host-key-unknown", seenFingerprint: seen });
    const again = outcomes(p, 1, (o) => o.hostId === untrusted.id);
    p.pollSoon(untrusted.id);
    await again;
    expect(contacts).toBe(2);
  });
});

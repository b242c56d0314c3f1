import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRoot } from "../support/processes";
import { sshdAvailable, startSshd, type TestSshd } from "../support/sshd";
import type { PollOutcome } from "@/server/poll/poll-host";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-it-stale-"));
Object.assign(process.env, {
  TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLL_INTERVAL: "0.5", TWSCOPE_SSH_READY_TIMEOUT: "2", TWSCOPE_PROBE_TIMEOUT: "5",
});

const { getRuntime, shutdownRuntime } = await import("@/server/context");
const services = await import("@/server/services/hosts/hosts");
const { fleetOverview } = await import("@/server/services/fleet/fleet");
const { freshnessOf, STALE_AFTER_INTERVALS } = await import("@/lib/host/freshness");
const { fleetTotals } = await import("@/lib/fleet-query");

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);
if (!runnable) console.warn("skipping the stale-host test: /usr/sbin/sshd is missing (npm test installs openssh-server as root)");

/** The first poll outcome of the host, on the poller's own schedule, that satisfies `accept`. */
function pollWhere(hostId: number, accept: (o: PollOutcome) => boolean): Promise<PollOutcome> {
  const { poller } = getRuntime();
  return new Promise((resolve) => {
    const listener = (o: PollOutcome) => {
      if (o.hostId === hostId && accept(o)) { poller.off("poll", listener); resolve(o); }
    };
    poller.on("poll", listener);
  });
}

describe.runIf(runnable)("a host whose sshd stops", { timeout: 60_000 }, () => {
  let sshd: TestSshd;

  beforeAll(async () => {
    sshd = await startSshd();
    getRuntime().poller.start();
  });
  afterAll(async () => {
    await shutdownRuntime();
    await sshd?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("turns stale after 3 poll intervals without a sample, keeping its last figures marked as such", async () => {
    // sshd.stop() deletes its folder with the user key: a copy keeps the failure a connection failure.
    const keyPath = path.join(dataDir, "user_key");
    fs.copyFileSync(sshd.userKey, keyPath);
    fs.chmodSync(keyPath, 0o600);
    const host = services.createHost({
      name: "stops", address: "127.0.0.1", port: sshd.port, username: sshd.user, authMethod: "key", keyPath,
      tags: [], hostKeyFingerprint: sshd.fingerprint,
    }, "test");
    const ok = await pollWhere(host.id, (o) => o.status === "ok");
    const rowOf = () => {
      const fleet = fleetOverview();
      return { fleet, row: fleet.hosts.find((h) => h.id === host.id)! };
    };
    const before = rowOf();
    expect(before.fleet.pollIntervalMs).toBe(500);
    expect(freshnessOf(before.row, Date.now(), before.fleet.pollIntervalMs).state).toBe("fresh");
    const lastCount = before.row.current!.timeWait;

    await sshd.stop();
    const failed = await pollWhere(host.id, (o) => o.status !== "ok" && o.at - ok.at > STALE_AFTER_INTERVALS * 500);
    expect(failed.status).toBe("unreachable");

    const { fleet, row } = rowOf();
    const freshness = freshnessOf(row, failed.at, fleet.pollIntervalMs);
    expect(freshness).toMatchObject({ state: "stale", at: ok.at });
    // The figures stay those of the last sample; the fleet's "now" totals leave them out and say so.
    expect(row.status).toBe("unreachable");
    expect(row.current).toMatchObject({ at: ok.at, timeWait: lastCount });
    const totals = fleetTotals(fleet.hosts, failed.at, fleet.pollIntervalMs);
    expect(totals.leftOut.stale).toBeGreaterThanOrEqual(1);
    const detail = services.getHostDetail(host.id);
    expect(detail.pollIntervalMs).toBe(500);
    expect(freshnessOf(detail, failed.at, detail.pollIntervalMs).state).toBe("stale");
    expect(detail.latest?.at).toBe(ok.at);
  });
});

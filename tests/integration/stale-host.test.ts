import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { pollOutcome, startSshdAndPoller, stopSshdAndPoller } from "../support/polling";
import { isRoot } from "../support/processes";
import { sshdAvailable, sshdHost, type TestSshd } from "../support/sshd";
import { DEFAULT_QUERY } from "@/lib/fleet-query";
import { freshnessOf, STALE_AFTER_INTERVALS } from "@/lib/host/freshness";
import { fleetPage } from "@/server/services/fleet/fleet";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { createHost } from "@/server/services/hosts/hosts";

const ctx = await useTestContext(
  { TWSCOPE_POLL_INTERVAL: "0.5", TWSCOPE_SSH_READY_TIMEOUT: "2", TWSCOPE_PROBE_TIMEOUT: "5" },
  { prefix: "twscope-it-stale-" },
);

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);
if (!runnable) console.warn("skipping the stale-host test: /usr/sbin/sshd is missing (npm test installs openssh-server as root)");

describe.runIf(runnable)("a host whose sshd stops", { timeout: 60_000 }, () => {
  let sshd: TestSshd;

  beforeAll(async () => {
    sshd = await startSshdAndPoller(ctx);
  });
  afterAll(() => stopSshdAndPoller(ctx, sshd));

  it("turns stale after 3 poll intervals without a sample, keeping its last figures marked as such", async () => {
    // sshd.stop() deletes its folder with the user key: a copy keeps the failure a connection failure.
    const keyPath = path.join(ctx.dataDir, "user_key");
    fs.copyFileSync(sshd.userKey, keyPath);
    fs.chmodSync(keyPath, 0o600);
    const host = await createHost(ctx, { ...sshdHost(sshd, "stops", { authMethod: "key", keyPath }), tags: [] }, "test");
    const ok = await pollOutcome(ctx.poller, host.id, (o) => o.status === "ok");
    const rowOf = async (now = Date.now(), view = DEFAULT_QUERY) => {
      const fleet = await fleetPage(ctx, view, now);
      return { fleet, row: fleet.hosts.find((h) => h.id === host.id)! };
    };
    const before = await rowOf();
    expect(before.fleet.pollIntervalMs).toBe(500);
    expect(freshnessOf(before.row, Date.now(), before.fleet.pollIntervalMs).state).toBe("fresh");
    const lastCount = before.row.current!.timeWait;

    await sshd.stop();
    const failed = await pollOutcome(ctx.poller, host.id, (o) => o.status !== "ok" && o.at - ok.at > STALE_AFTER_INTERVALS * 500);
    expect(failed.status).toBe("unreachable");

    const { fleet, row } = await rowOf(failed.at);
    const freshness = freshnessOf(row, failed.at, fleet.pollIntervalMs);
    expect(freshness).toMatchObject({ state: "stale", at: ok.at });
    // The figures stay those of the last sample; the fleet's "now" totals leave them out and say so.
    expect(row.status).toBe("unreachable");
    expect(row.current).toMatchObject({ at: ok.at, timeWait: lastCount });
    expect(fleet.totals.leftOut.stale).toBeGreaterThanOrEqual(1);
    expect((await rowOf(failed.at, { ...DEFAULT_QUERY, status: "stale" })).row).toMatchObject({ id: host.id });
    const detail = await getHostDetail(ctx, host.id);
    expect(detail.pollIntervalMs).toBe(500);
    expect(freshnessOf(detail, failed.at, detail.pollIntervalMs).state).toBe("stale");
    expect(detail.latest?.at).toBe(ok.at);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost, removeHost, updateHost } from "@/server/services/hosts/hosts";
import { getHost } from "@/server/db/hosts";
import { useTestContext } from "../support/context";
import { nextPoll } from "../support/polling";
import { isRoot } from "../support/processes";
import { sshdAvailable, sshdHost, startSshd, type TestSshd } from "../support/sshd";

const ctx = await useTestContext(
  { TWSCOPE_POLL_INTERVAL: "600", TWSCOPE_SSH_READY_TIMEOUT: "4", TWSCOPE_PROBE_TIMEOUT: "5" },
  { prefix: "twscope-jump-" },
);

/** More hosts behind the jump host than OpenSSH's default MaxSessions (10). */
const BEHIND = 12;

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);

describe.runIf(runnable)("hosts reached through a jump host (real OpenSSH sshds as jump host and as host)", () => {
  let bastion: TestSshd;
  let closedBastion: TestSshd;
  let target: TestSshd;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // DEBUG1 makes the jump host log each channel it opens on a client's behalf; MaxSessions 1 leaves room for
    // its own probe session only, which forwarded channels do not count against.
    [bastion, closedBastion, target] = await Promise.all([
      startSshd(["LogLevel DEBUG1", "MaxSessions 1"]),
      startSshd(["AllowTcpForwarding no"]),
      startSshd(),
    ]);
    ctx.poller.start();
    ids.bastion = (await createHost(ctx, sshdHost(bastion, "bastion"), "test")).id;
    ids.closed = (await createHost(ctx, sshdHost(closedBastion, "no-forwarding"), "test")).id;
    for (let i = 1; i <= BEHIND; i++) {
      ids[`behind-${i}`] = (await createHost(ctx, { ...sshdHost(target, `behind-${i}`), jumpHostId: ids.bastion }, "test")).id;
    }
  });
  afterAll(async () => {
    await ctx.poller.stop();
    ctx.pool.closeAll();
    await Promise.all([bastion?.stop(), closedBastion?.stop(), target?.stop()]);
  });

  it("polls the hosts behind it over one login to the jump host, which opens the channels to them", async () => {
    // Its own probe session first: the one session MaxSessions 1 allows.
    expect((await nextPoll(ctx.poller, ids.bastion!)).status).toBe("ok");
    const outcomes = await Promise.all(Array.from({ length: BEHIND }, (_, i) => nextPoll(ctx.poller, ids[`behind-${i + 1}`]!)));
    expect(outcomes.map((o) => o.status)).toEqual(Array(BEHIND).fill("ok"));
    expect(bastion.logins()).toBe(1);
    expect(target.logins()).toBe(BEHIND);
    expect(bastion.log()).toMatch(new RegExp(`server_request_direct_tcpip: .*target 127\\.0\\.0\\.1 port ${target.port}\\b`));
    // Polled again, the jump host and a host behind it, over the same connections.
    expect((await nextPoll(ctx.poller, ids["behind-3"]!)).status).toBe("ok");
    expect((await nextPoll(ctx.poller, ids.bastion!)).status).toBe("ok");
    expect([bastion.logins(), target.logins()]).toEqual([1, BEHIND]);
  });

  it("fails a host whose jump host forbids forwarding, naming the jump host and why", async () => {
    const host = await createHost(ctx, { ...sshdHost(target, "behind-closed"), jumpHostId: ids.closed }, "test");
    const outcome = await nextPoll(ctx.poller, host.id);
    expect(outcome.status).toBe("unreachable");
    expect(outcome.error).toMatch(
      new RegExp(`^through the jump host no-forwarding: cannot open a channel to 127\\.0\\.0\\.1:${target.port}: `),
    );
  });

  it("refuses a jump host whose key changed, and logs in to nothing behind it", async () => {
    const before = target.logins();
    await bastion.restartWithNewHostKey();
    const outcome = await nextPoll(ctx.poller, ids["behind-1"]!, (o) => o.status !== "ok");
    expect(outcome.status).toBe("unreachable");
    expect(outcome.error).toMatch(/^through the jump host bastion: the host key changed: it is now SHA256:/);
    expect(target.logins()).toBe(before);
    // The jump host's own page says what changed, where its key is confirmed again.
    expect((await nextPoll(ctx.poller, ids.bastion!)).status).toBe("host-key-mismatch");
  });

  it("refuses a loop and itself as jump host, and keeps a jump host while hosts go through it", async () => {
    const behind = ids["behind-1"]!;
    await expect(updateHost(ctx, ids.bastion!, { jumpHostId: behind }, "test")).rejects.toThrow(
      "behind-1 is reached through bastion, so bastion cannot go through it: that is a loop",
    );
    await expect(updateHost(ctx, behind, { jumpHostId: behind }, "test")).rejects.toThrow("behind-1 cannot be its own jump host");
    await expect(createHost(ctx, { ...sshdHost(target, "nowhere"), jumpHostId: 99_999 }, "test")).rejects.toThrow(
      "there is no host 99999 to go through",
    );
    await expect(removeHost(ctx, ids.bastion!, "test")).rejects.toThrow(
      /^behind-1, behind-10, .*, behind-9 connect through bastion: give them another jump host first$/,
    );
    await updateHost(ctx, behind, { jumpHostId: null }, "test");
    expect((await getHost(ctx.db, behind))!.jumpHostId).toBeNull();
  });
});

/**
 * Two hops (ProxyJump outer,middle). Each sshd listens on loopback, so the arrangement is made by
 * PermitOpen: the outer jump host opens channels to the middle one only, and the middle one to the
 * innermost host only, so the innermost is reached only by a channel the middle hop opens.
 */
describe.runIf(runnable)("a host two jump hosts away (real OpenSSH sshds, PermitOpen between the hops)", () => {
  let outer: TestSshd;
  let middle: TestSshd;
  let inner: TestSshd;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    inner = await startSshd();
    middle = await startSshd(["LogLevel DEBUG1", `PermitOpen 127.0.0.1:${inner.port}`]);
    outer = await startSshd(["LogLevel DEBUG1", `PermitOpen 127.0.0.1:${middle.port}`]);
    ctx.poller.start();
    ids.outer = (await createHost(ctx, sshdHost(outer, "hop-outer"), "test")).id;
    ids.middle = (await createHost(ctx, { ...sshdHost(middle, "hop-middle"), jumpHostId: ids.outer }, "test")).id;
    for (const name of ["inner-1", "inner-2", "inner-3"]) {
      ids[name] = (await createHost(ctx, { ...sshdHost(inner, name), jumpHostId: ids.middle }, "test")).id;
    }
  });
  afterAll(async () => {
    await ctx.poller.stop();
    ctx.pool.closeAll();
    await Promise.all([outer?.stop(), middle?.stop(), inner?.stop()]);
  });

  it("polls through both hops, one login to each jump host, the innermost channels opened by the middle one", async () => {
    const outcomes = await Promise.all(["inner-1", "inner-2", "inner-3"].map((n) => nextPoll(ctx.poller, ids[n]!)));
    expect(outcomes.map((o) => o.status)).toEqual(["ok", "ok", "ok"]);
    expect((await nextPoll(ctx.poller, ids.middle!)).status).toBe("ok");
    expect([outer.logins(), middle.logins(), inner.logins()]).toEqual([1, 1, 3]);
    expect(outer.log()).toMatch(new RegExp(`server_request_direct_tcpip: .*target 127\\.0\\.0\\.1 port ${middle.port}\\b`));
    expect(outer.log()).not.toMatch(new RegExp(`target 127\\.0\\.0\\.1 port ${inner.port}\\b`));
    expect(middle.log()).toMatch(new RegExp(`server_request_direct_tcpip: .*target 127\\.0\\.0\\.1 port ${inner.port}\\b`));
  });

  it("cannot reach the innermost host through the outer jump host alone", async () => {
    const host = await createHost(ctx, { ...sshdHost(inner, "inner-skipping"), jumpHostId: ids.outer }, "test");
    const outcome = await nextPoll(ctx.poller, host.id);
    expect(outcome.status).toBe("unreachable");
    expect(outcome.error).toMatch(new RegExp(`^through the jump host hop-outer: cannot open a channel to 127\\.0\\.0\\.1:${inner.port}: `));
  });

  it("refuses the middle jump host once its key changed, naming both hops, with no login behind it", async () => {
    const before = inner.logins();
    await middle.restartWithNewHostKey();
    const outcome = await nextPoll(ctx.poller, ids["inner-2"]!, (o) => o.status !== "ok");
    expect(outcome.status).toBe("unreachable");
    expect(outcome.error).toMatch(/^through the jump host hop-middle: the host key changed: it is now SHA256:/);
    expect(inner.logins()).toBe(before);
    expect((await nextPoll(ctx.poller, ids.middle!)).status).toBe("host-key-mismatch");
  });

  it("refuses the outer jump host once its key changed, for hosts two hops behind it too", async () => {
    await outer.restartWithNewHostKey();
    const outcome = await nextPoll(ctx.poller, ids["inner-3"]!);
    expect(outcome.error).toMatch(
      /^through the jump host hop-middle: through the jump host hop-outer: the host key changed: it is now SHA256:/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { sshTargetOf } from "@/server/context";
import { getHost, insertBundleHost } from "@/server/db/hosts";
import { AppError } from "@/server/errors";
import { hostNames } from "@/server/services/fleet/fleet";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { createHost, updateHost } from "@/server/services/hosts/hosts";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-jump-chains-" });

let octet = 10;
/** A host reached over SSH at its own address, through `jumpHostId` when given. */
async function addHost(name: string, jumpHostId: number | null = null): Promise<number> {
  const input = { name, address: `127.0.0.${octet++}`, port: 22, username: "ops", authMethod: "agent" as const, tags: [], jumpHostId };
  return (await createHost(ctx, input, "test")).id;
}

/** The refusal an update or creation failed with, and the field it was said at. */
async function refusalOf(attempt: Promise<unknown>): Promise<{ message: string; details: unknown }> {
  const err = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return { message: err.message, details: err.details };
}

describe("chains of jump hosts (ProxyJump a,b)", () => {
  it("stores a host behind a jump host that is itself behind one, and shows the chain in order", async () => {
    const outer = await addHost("chain-outer");
    const inner = await addHost("chain-inner", outer);
    const deep = await addHost("chain-deep", inner);
    const detail = await getHostDetail(ctx, deep);
    expect(detail.jumpChain).toEqual([
      { id: outer, name: "chain-outer" },
      { id: inner, name: "chain-inner" },
    ]);
    const target = sshTargetOf((await getHost(ctx.db, deep))!, ctx);
    expect(target.jump?.name).toBe("chain-inner");
    expect(target.jump?.jump?.name).toBe("chain-outer");
    expect(target.jump?.jump?.jump).toBeUndefined();
    // Each hop's part is exactly that host's own target, so the pool shares its one connection.
    const { hostId: _i, name: _n, ...innerPart } = target.jump!;
    expect(JSON.stringify(innerPart)).toBe(JSON.stringify(sshTargetOf((await getHost(ctx.db, inner))!, ctx)));
  });

  it("refuses a loop, at the jump host field", async () => {
    const a = await addHost("loop-a");
    const b = await addHost("loop-b", a);
    const c = await addHost("loop-c", b);
    const refusal = await refusalOf(updateHost(ctx, a, { jumpHostId: c }, "test"));
    expect(refusal.message).toBe("loop-c is reached through loop-a, so loop-a cannot go through it: that is a loop");
    expect(refusal.details).toEqual([{ path: "jumpHostId", message: refusal.message }]);
    expect((await getHost(ctx.db, a))!.jumpHostId).toBeNull();
  });

  it("takes four hops and refuses a fifth, counting the hosts behind the one moved", async () => {
    let previous = await addHost("hop-1");
    for (let i = 2; i <= 4; i++) previous = await addHost(`hop-${i}`, previous);
    const fourHops = await addHost("four-hops-away", previous);
    expect((await getHostDetail(ctx, fourHops)).jumpChain.map((j) => j.name)).toEqual(["hop-1", "hop-2", "hop-3", "hop-4"]);
    expect((await refusalOf(addHost("five-hops-away", fourHops))).message).toBe(
      "through hop-1, hop-2, hop-3, hop-4, four-hops-away, the host would be 5 jump hosts away; twscope goes through at most 4",
    );
    // A host with two levels behind it, put behind hop-2: the deepest would be five away.
    const top = await addHost("subtree-top");
    const mid = await addHost("subtree-mid", top);
    await addHost("subtree-leaf", mid);
    expect((await refusalOf(updateHost(ctx, top, { jumpHostId: (await hostIdOf("hop-3"))! }, "test"))).message).toBe(
      "through hop-1, hop-2, hop-3, the hosts 2 hops behind subtree-top would be 5 jump hosts away; twscope goes through at most 4",
    );
    await updateHost(ctx, top, { jumpHostId: (await hostIdOf("hop-2"))! }, "test");
    expect((await getHostDetail(ctx, (await hostIdOf("subtree-leaf"))!)).jumpChain.map((j) => j.name)).toEqual([
      "hop-1",
      "hop-2",
      "subtree-top",
      "subtree-mid",
    ]);
  });

  it("refuses a host not reached over SSH as a jump host", async () => {
    const bundle = await insertBundleHost(ctx.db, "pasted-only");
    expect((await refusalOf(addHost("behind-bundle", bundle.id))).message).toBe(
      "pasted-only is not reached over SSH, so it cannot be a jump host",
    );
  });

  it("lists every host's transport and address for the jump host picker", async () => {
    const names = (await hostNames(ctx)).hosts;
    expect(names.find((h) => h.name === "chain-outer")).toMatchObject({ transport: "ssh", address: expect.stringMatching(/^127\.0\.0\./) });
    expect(names.find((h) => h.name === "pasted-only")).toMatchObject({ transport: "bundle" });
  });
});

async function hostIdOf(name: string): Promise<number | undefined> {
  return (await hostNames(ctx)).hosts.find((h) => h.name === name)?.id;
}

import { describe, expect, it } from "vitest";
import { getHostByName } from "@/server/db/hosts";
import { inventoryReport } from "@/server/cli/inventory-report";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { createHost } from "@/server/services/hosts/hosts";
import { importInventory } from "@/server/services/hosts/inventory-import";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-inventory-jumps-" });

const INVENTORY = `[bastions]
bastion ansible_host=198.18.6.1 ansible_user=jump
[web]
web1 ansible_host=10.21.0.1 ansible_ssh_common_args="-J bastion"
web2 ansible_host=10.21.0.2 ansible_ssh_common_args="-o ProxyJump=bastion,inner-gw"
inner-gw ansible_host=10.21.0.9
[edge]
edge1 ansible_host=10.22.0.1 ansible_ssh_common_args="-J gate@198.18.6.9:2222"
edge2 ansible_host=10.22.0.2 ansible_ssh_common_args="-J 198.18.6.7"
edge3 ansible_host=10.22.0.3 ansible_ssh_common_args="-J web1,bastion"
[all:vars]
ansible_user=ops
`;

const chainOf = async (name: string) => (await getHostDetail(ctx, (await getHostByName(ctx.db, name))!.id)).jumpChain.map((j) => j.name);

describe("importing an inventory whose hosts have -J / ProxyJump", () => {
  it("previews each host's jump host, adding the ones it names first, and applies the chains", async () => {
    await createHost(ctx, { name: "old-gate", address: "198.18.6.7", port: 22, username: "ops", authMethod: "agent", tags: [] }, "t");
    const preview = await importInventory(ctx, { text: INVENTORY, name: "jumps.ini" }, "tester");
    expect(preview.added.map((h) => [h.name, h.jumpHost])).toEqual([
      ["bastion", null],
      ["web1", "bastion"],
      ["inner-gw", "bastion"],
      ["web2", "inner-gw"],
      ["198.18.6.9", null],
      ["edge1", "198.18.6.9"],
      ["edge2", "old-gate"],
    ]);
    expect(preview.added.find((h) => h.name === "198.18.6.9")).toMatchObject({ address: "198.18.6.9", port: 2222, username: "gate" });
    expect(preview.skipped).toEqual([
      { name: "edge3", reason: "-J web1,bastion: bastion is reached directly in twscope, not through web1" },
    ]);
    expect(inventoryReport(preview, false)).toContain("  add         web2  ops@10.21.0.2:22 through inner-gw  tags web\n");
    expect(await getHostByName(ctx.db, "web1")).toBeNull();

    await importInventory(ctx, { text: INVENTORY, name: "jumps.ini", apply: true }, "tester");
    expect(await chainOf("web2")).toEqual(["bastion", "inner-gw"]);
    expect(await chainOf("edge1")).toEqual(["198.18.6.9"]);
    expect(await chainOf("edge2")).toEqual(["old-gate"]);
    expect((await getHostByName(ctx.db, "198.18.6.9"))!.hostKeyFingerprint).toBeNull();
  });

  it("on the next import keeps the jump hosts it added, and changes a host's jump host as the inventory does", async () => {
    const next = INVENTORY.replace('web1 ansible_host=10.21.0.1 ansible_ssh_common_args="-J bastion"', "web1 ansible_host=10.21.0.1");
    const preview = await importInventory(ctx, { text: next, name: "jumps.ini" }, "tester");
    expect(preview.gone).toEqual([]);
    expect(preview.changed.map((h) => [h.name, h.changes])).toEqual([["web1", [{ field: "jumpHost", from: "bastion", to: "—" }]]]);
    expect(preview.unchanged.map((h) => h.name)).toContain("198.18.6.9");
    await importInventory(ctx, { text: next, name: "jumps.ini", apply: true }, "tester");
    expect(await chainOf("web1")).toEqual([]);
  });

  it("refuses a loop of -J between inventory hosts, and a hop it cannot read", async () => {
    const loop = `a ansible_host=10.23.0.1 ansible_user=ops ansible_ssh_common_args="-J b"
b ansible_host=10.23.0.2 ansible_user=ops ansible_ssh_common_args="-J a"
c ansible_host=10.23.0.3 ansible_user=ops ansible_ssh_common_args="-J 'x y'"
`;
    const preview = await importInventory(ctx, { text: loop, name: "loop.ini" }, "tester");
    expect(preview.added).toEqual([]);
    expect(preview.skipped).toEqual([
      { name: "b", reason: "-J a: it loops back to a" },
      { name: "a", reason: "-J b: b is skipped too" },
      { name: "c", reason: "-J x y cannot be read as [user@]host[:port],…" },
    ]);
    const inChinese = await importInventory(ctx, { text: loop, name: "loop.ini" }, "tester", "zh-CN");
    expect(inChinese.skipped).toEqual([
      { name: "b", reason: "-J a：跳板链绕回了 a" },
      { name: "a", reason: "-J b：b 也被跳过了" },
      { name: "c", reason: "-J x y 无法按 [user@]host[:port],… 解析" },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { getHost } from "@/server/db/hosts";
import { createHost } from "@/server/services/hosts/hosts";
import { importSshConfig } from "@/server/services/hosts/ssh-config-import";
import { useTestContext } from "../../support/context";
import { renderText, type StoredText } from "@/lib/i18n/message";
import { english } from "../../support/i18n";

const inEnglish = (skipped: { name: string; reason: StoredText }[]) =>
  skipped.map((s) => ({ ...s, reason: renderText(english, s.reason) }));

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-ssh-config-jumps-" });

const CONFIG = `
Host bastion
  HostName 198.18.5.1
  User jump
Host web-1
  HostName 10.20.0.1
  User ops
  ProxyJump bastion
Host deep
  HostName 10.30.0.1
  User ops
  ProxyJump bastion,middle
Host middle
  HostName 10.20.0.9
  User ops
Host direct
  HostName 10.40.0.1
  User ops
  ProxyJump none
Host via-new
  HostName 10.50.0.1
  User ops
  ProxyJump gate@198.18.5.9:2222
Host via-existing
  HostName 10.60.0.1
  User ops
  ProxyJump ops@198.18.7.7
Host commanded
  HostName 10.70.0.1
  User ops
  ProxyCommand ssh -W %h:%p bastion
Host loop-a
  User ops
  ProxyJump loop-b
Host loop-b
  User ops
  ProxyJump loop-a
Host unreadable
  User ops
  ProxyJump ssh -J bastion
`;

describe("await importSshConfig() with ProxyJump", () => {
  it("maps each ProxyJump to twscope hosts: an alias, an existing host by address and user, or a new host", async () => {
    const gate = await createHost(
      ctx,
      { name: "old-gate", address: "198.18.7.7", port: 22, username: "ops", authMethod: "agent", tags: [] },
      "test",
    );
    const result = await importSshConfig(ctx, CONFIG, undefined, "tester");
    const chains = Object.fromEntries(result.created.map((h) => [h.name, h.jumpChain.map((j) => j.name)]));
    expect(chains).toEqual({
      bastion: [],
      "web-1": ["bastion"],
      middle: ["bastion"],
      deep: ["bastion", "middle"],
      direct: [],
      "198.18.5.9": [],
      "via-new": ["198.18.5.9"],
      "via-existing": ["old-gate"],
    });
    const created = await getHost(ctx.db, result.created.find((h) => h.name === "198.18.5.9")!.id);
    expect(created).toMatchObject({ address: "198.18.5.9", port: 2222, username: "gate", hostKeyFingerprint: null });
    expect((await getHost(ctx.db, result.created.find((h) => h.name === "via-existing")!.id))!.jumpHostId).toBe(gate.id);
    expect(inEnglish(result.skipped)).toEqual([
      { name: "commanded", reason: "reached by a ProxyCommand in the config, which twscope never runs" },
      { name: "loop-b", reason: "ProxyJump loop-a: it loops back to loop-a" },
      { name: "loop-a", reason: "ProxyJump loop-b: loop-b is skipped too" },
      { name: "unreadable", reason: "ProxyJump ssh -J bastion cannot be read as [user@]host[:port],…" },
    ]);
    expect(result.ignored.map((i) => i.directive)).toEqual(["ProxyCommand"]);
  });

  it("uses an existing host named like a jump host's alias, and refuses a chain twscope reaches otherwise", async () => {
    const config = `
Host bastion
  HostName 198.18.5.1
  User jump
Host inner-2
  HostName 10.80.0.1
  User ops
  ProxyJump bastion
Host wrong-chain
  HostName 10.80.0.2
  User ops
  ProxyJump middle,bastion
`;
    const result = await importSshConfig(ctx, config, undefined, "tester");
    expect(result.created.map((h) => [h.name, h.jumpChain.map((j) => j.name)])).toEqual([["inner-2", ["bastion"]]]);
    expect(inEnglish(result.skipped)).toEqual([
      { name: "bastion", reason: "a host with this name exists" },
      { name: "wrong-chain", reason: "ProxyJump middle,bastion: bastion is reached directly in twscope, not through middle" },
    ]);
  });
});

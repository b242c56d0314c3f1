import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as lab from "@/lab/lab";
import { labNamespaces } from "@/lab/network";
import { startHostSshd } from "@/lab/sshd";
import { labDirOf, type LabHost } from "@/lab/state";
import { listHosts } from "@/server/db/hosts";
import { useTestContext } from "../support/context";
import { pollOverSsh } from "../support/polling";
import { isRoot } from "../support/processes";

const ctx = await useTestContext({ TWSCOPE_SSH_READY_TIMEOUT: "10", TWSCOPE_PROBE_TIMEOUT: "10" }, { prefix: "twscope-lab-bastion-" });

const runnable = isRoot() && fs.existsSync("/usr/sbin/sshd");
if (!runnable) console.warn("skipping the lab bastion tests: they need root (network namespaces) and openssh-server");

/** How a TCP connection from this (the root) namespace to `address:port` ends: "connected", or the error code. */
function connectFrom(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 8_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("ETIMEDOUT");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

const hostNamed = async (name: string) => (await listHosts(ctx.db)).find((h) => h.name === name)!;

describe.runIf(runnable)("the lab's hosts behind a bastion (npm run lab -- up --behind-bastion 2)", () => {
  let hosts: LabHost[] = [];

  beforeAll(async () => {
    hosts = (await lab.up({ plainHosts: 1, scenarios: false, behindBastion: 2, durationSeconds: 120 }, undefined, ctx)).hosts;
  }, 120_000);

  afterAll(async () => {
    ctx.pool.closeAll();
    if (runnable) await lab.down(ctx);
  }, 60_000);

  it("registers the hosts behind the bastion with the bastion as their jump host", async () => {
    const registered = (await listHosts(ctx.db)).filter((h) => h.tags.includes("lab"));
    const bastion = registered.find((h) => h.name === "bastion")!;
    expect(registered.map((h) => [h.name, h.address, h.jumpHostId]).sort()).toEqual([
      ["bastion", bastion.address, null],
      ["behind-bastion-1", "198.19.0.10", bastion.id],
      ["behind-bastion-2", "198.19.0.11", bastion.id],
      ["lab-001", expect.stringMatching(/^198\.18\./), null],
    ]);
  });

  it("gives this namespace no way to them: a TCP connect to their sshd fails, while the bastion's own succeeds", async () => {
    const bastion = hosts.find((h) => h.kind === "bastion")!;
    expect(await connectFrom(bastion.address, 22)).toBe("connected");
    expect(await connectFrom("198.19.0.10", 22)).toMatch(/^(EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)$/);
    // From inside the bastion's namespace the same port answers, with an SSH banner.
    const banner = execFileSync("ip", ["netns", "exec", bastion.netns, "timeout", "5", "busybox", "nc", "198.19.0.10", "22"], {
      input: "",
    }).toString();
    expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
  });

  it("polls them through the bastion with a real sample", async () => {
    for (const name of ["behind-bastion-1", "behind-bastion-2"]) {
      const outcome = await pollOverSsh(ctx, await hostNamed(name));
      expect(outcome.status, outcome.error ?? "").toBe("ok");
      expect(outcome.sample!.kernel).toMatch(/^\d+\.\d+/);
      expect(outcome.sample!.listeningPorts).toContain(22);
    }
    // Its own server on :80 closes first; probed as root through the sudo rule, the process is named.
    let sample = (await pollOverSsh(ctx, await hostNamed("behind-bastion-1"))).sample;
    for (let i = 0; i < 20 && sample?.timeWait.byListeningPort[0]?.port !== 80; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      sample = (await pollOverSsh(ctx, await hostNamed("behind-bastion-1"))).sample;
    }
    expect(sample!.hostname).toBe("behind-bastion-1");
    expect(sample!.timeWait.byListeningPort[0]?.port).toBe(80);
    expect(sample!.owners?.byPort[80]?.shown[0]).toMatchObject({ command: "node", uid: 0 });
  }, 60_000);

  it("refuses the bastion once its key changed, and the hosts behind it with it", async () => {
    const bastion = hosts.find((h) => h.kind === "bastion")!;
    const pidFile = `${labDirOf(ctx)}/hosts/bastion/sshd.pid`;
    process.kill(Number(fs.readFileSync(pidFile, "utf8").trim()), "SIGTERM");
    await expect.poll(() => connectFrom(bastion.address, 22)).not.toBe("connected");
    const fingerprint = await startHostSshd(
      labDirOf(ctx),
      bastion,
      hosts.filter((h) => h.kind === "behind").map((h) => h.address),
    );
    expect(fingerprint).not.toBe(bastion.fingerprint);
    // The connections already open stay as they are; the next login meets the new key.
    ctx.pool.closeAll();
    const outcome = await pollOverSsh(ctx, await hostNamed("behind-bastion-1"));
    expect(outcome.status).toBe("unreachable");
    expect(outcome.error).toBe(
      `through the jump host bastion: the host key changed: it is now ${fingerprint}, not the pinned key; re-trust it only if you know why it changed`,
    );
  });

  it("down removes the bastion, its network and the hosts behind it, registered ones too", async () => {
    await lab.down(ctx);
    expect(await labNamespaces()).toEqual([]);
    expect((await listHosts(ctx.db)).filter((h) => h.tags.includes("lab"))).toEqual([]);
    expect(fs.existsSync(labDirOf(ctx))).toBe(false);
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { fixturePath } from "../support/fixtures";

const SCRIPT = fs.readFileSync(path.join(process.cwd(), "server/probe/twscope-probe.sh"), "utf8");
const SHELLS = [["sh"], ["busybox", "sh"]].filter(([cmd]) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0);

function probeWithEtc(shell: string[], etcRoot: string): string {
  const res = spawnSync(shell[0]!, [...shell.slice(1), "-s"], {
    input: SCRIPT,
    encoding: "utf8",
    env: { NODE_ENV: "test", PATH: process.env.PATH, TWSCOPE_ETC_ROOT: etcRoot, TWSCOPE_SS: "none" },
  });
  expect(res.status).toBe(0);
  return res.stdout;
}

describe.each(SHELLS)("the probe's @@sysctl-conf section under %s", (...shell) => {
  it("lists the TIME_WAIT-related lines of every sysctl file, with file names, line numbers and normalised values", () => {
    const out = probeWithEtc(shell, fixturePath("probe", "etc-tuned"));
    const section = out.split("@@sysctl-conf\n")[1]!.split("@@")[0]!.trim().split("\n");
    expect(section).toEqual([
      "/etc/sysctl.conf:2: net.ipv4.tcp_tw_recycle = 1",
      "/etc/sysctl.conf:3: net.ipv4.tcp_tw_reuse = 1",
      "/etc/sysctl.d/60-tcp.conf:1: net.ipv4.ip_local_port_range = 10000 65000",
      "/etc/sysctl.d/60-tcp.conf:2: net.ipv4.tcp_fin_timeout = 10",
      "/etc/sysctl.d/60-tcp.conf:3: net.core.somaxconn = 4096",
      "/usr/lib/sysctl.d/50-default.conf:2: net.ipv4.tcp_timestamps = 1",
    ]);
    expect(parseProbeBundle(out).configuredSysctls).toContainEqual({
      file: "/etc/sysctl.conf",
      line: 2,
      key: "net.ipv4.tcp_tw_recycle",
      value: "1",
    });
  });

  it("prints an empty section when no file exists", () => {
    const out = probeWithEtc(shell, "/nonexistent-twscope-etc");
    expect(out).toMatch(/@@sysctl-conf\n@@states/);
  });
});

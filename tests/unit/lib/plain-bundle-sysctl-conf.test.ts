import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { analyzeInEnglish, parsePlainInEnglish } from "../../support/advice";
import type { ConfiguredSysctl } from "@/lib/types";
import { fixturePath } from "../../support/fixtures";

// The sysctl files of tests/fixtures/probe/etc-tuned, printed by the real cat, head, tail and
// grep run in that tree (paths then written from /, as on the host), against the probe's own
// @@sysctl-conf section for the same tree.

const ROOT = fixturePath("probe", "etc-tuned");
const FILES = "/etc/sysctl.conf /etc/sysctl.d/*.conf /usr/lib/sysctl.d/*.conf";

/** What `command` (paths written from /) prints in the fixture tree, with its paths made absolute again. */
function run(command: string): string {
  const res = spawnSync("sh", ["-c", command.replace(/ \/(etc|usr)\b/g, " $1")], { cwd: ROOT, encoding: "utf8" });
  expect(res.status, res.stderr).toBe(0);
  return res.stdout.replace(/^(==> )(etc|usr)\//gm, "$1/$2/").replace(/^(etc|usr)\//gm, "/$1/");
}

function probeConfigured(): ConfiguredSysctl[] {
  const res = spawnSync("sh", ["-s"], {
    input: fs.readFileSync(path.join(process.cwd(), "server/probe/twscope-probe.sh"), "utf8"),
    encoding: "utf8",
    env: { NODE_ENV: "test", PATH: process.env.PATH, TWSCOPE_ETC_ROOT: ROOT, TWSCOPE_SS: "none" },
  });
  return parseProbeBundle(res.stdout).configuredSysctls!;
}

const withoutLines = (list: ConfiguredSysctl[] | undefined) => list?.map(({ file, key, value }) => ({ file, key, value }));
const configuredOf = (heading: string, output: string) => parsePlainInEnglish(`### ${heading}\n${output}`).sample.configuredSysctls;

describe("pasted sysctl files fill configuredSysctls as the probe's own section does", () => {
  const probe = probeConfigured();

  it("the probe lists six TIME_WAIT-related lines of the three files", () => {
    expect(probe).toHaveLength(6);
  });

  it.each([
    [`head -n 1000 ${FILES}`],
    [`tail -n 1000 ${FILES}`],
    [`grep -r . /etc/sysctl.conf /etc/sysctl.d /usr/lib/sysctl.d`],
    [`grep -rn -e net.ipv4 -e net.core /etc/sysctl.conf /etc/sysctl.d /usr/lib/sysctl.d`],
    [`grep -v '^#' ${FILES}`],
  ])("%s", (heading) => {
    expect(withoutLines(configuredOf(heading, run(heading)))).toEqual(withoutLines(probe));
  });

  it("one section per file (cat FILE, as a sosreport holds them) gives the same lines, numbered", () => {
    const text = ["/etc/sysctl.conf", "/etc/sysctl.d/60-tcp.conf", "/usr/lib/sysctl.d/50-default.conf"]
      .map((f) => `### cat ${f}\n${run(`cat ${f}`)}`)
      .join("");
    const configured = parsePlainInEnglish(text).sample.configuredSysctls;
    expect(withoutLines(configured)).toEqual(withoutLines(probe));
    expect(configured).toContainEqual({ file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_recycle", value: "1", line: 2 });
    expect(configured).toContainEqual({ file: "/etc/sysctl.d/60-tcp.conf", key: "net.ipv4.tcp_fin_timeout", value: "10", line: 2 });
  });

  it("head numbers lines from each ==> FILE <== separator, grep -n from its prefix, tail not at all", () => {
    const fin = (list: ConfiguredSysctl[] | undefined) => list?.find((c) => c.key === "net.ipv4.tcp_fin_timeout");
    expect(fin(configuredOf("head /etc/sysctl.conf /etc/sysctl.d/*.conf", run("head /etc/sysctl.conf /etc/sysctl.d/*.conf")))?.line).toBe(
      2,
    );
    expect(fin(configuredOf("grep -rn fin /etc/sysctl.d", run("grep -rn fin /etc/sysctl.d")))?.line).toBe(2);
    expect(fin(configuredOf("tail /etc/sysctl.d/*.conf", run("tail /etc/sysctl.d/*.conf")))).not.toHaveProperty("line");
  });

  it("cat of a glob names the glob: its lines are in the files' order but cannot be told apart", () => {
    const configured = configuredOf("cat /etc/sysctl.d/*.conf", run("cat /etc/sysctl.d/*.conf"));
    expect(configured).toEqual([
      { file: "/etc/sysctl.d/*.conf", key: "net.ipv4.ip_local_port_range", value: "10000 65000" },
      { file: "/etc/sysctl.d/*.conf", key: "net.ipv4.tcp_fin_timeout", value: "10" },
      { file: "/etc/sysctl.d/*.conf", key: "net.core.somaxconn", value: "4096" },
    ]);
  });

  it("grep of one file prints no file name: the file comes from the command line", () => {
    expect(configuredOf("grep tw_ /etc/sysctl.conf", run("grep tw_ /etc/sysctl.conf"))).toEqual([
      { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_recycle", value: "1" },
      { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_reuse", value: "1" },
    ]);
  });

  it("a '### ' comment inside a pasted file stays part of the file, and its lines are numbered on", () => {
    const { sample, missing } = parsePlainInEnglish(
      "### cat /etc/sysctl.conf\n### Network tuning\nnet.ipv4.tcp_tw_reuse = 1\n### uname -r\n6.1.0\n",
    );
    expect(sample.configuredSysctls).toEqual([{ file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_reuse", value: "1", line: 2 }]);
    expect([sample.kernel, missing.filter((m) => m.startsWith("ignored"))]).toEqual(["6.1.0", []]);
  });

  it("an empty or absent file is an empty list (the files were read), no section leaves it absent", () => {
    expect(configuredOf("cat /etc/sysctl.conf", "cat: /etc/sysctl.conf: No such file or directory\n")).toEqual([]);
    expect(parsePlainInEnglish("### uname -r\n6.1.0\n### cat /etc/sysctl.conf\n\n").sample.configuredSysctls).toEqual([]);
    expect(parsePlainInEnglish("### uname -r\n6.1.0\n").sample).not.toHaveProperty("configuredSysctls");
  });
});

describe("the configuration rules fire on pasted files", () => {
  it("a pasted /etc/sysctl.conf with tcp_tw_recycle = 1 on a 5.14 kernel is reported, with the file", () => {
    const { sample } = parsePlainInEnglish(
      [
        "### uname -r",
        "5.14.0-427.13.1.el9_4.x86_64",
        "### cat /proc/net/sockstat",
        "TCP: inuse 5 orphan 0 tw 3 alloc 6 mem 1",
        "### cat /etc/sysctl.conf",
        "# tuning",
        "net.ipv4.tcp_tw_recycle = 1",
        "",
      ].join("\n"),
    );
    const finding = analyzeInEnglish(sample).findings.find((f) => f.ruleId === "tw-recycle-in-config");
    expect(finding?.evidence[0]).toMatch(
      /^\/etc\/sysctl\.conf line 2 sets net\.ipv4\.tcp_tw_recycle = 1; Linux 5\.14\.0-427\.13\.1\.el9_4\.x86_64 has no such setting/,
    );
  });

  it("a value a pasted file applies at the next boot is reported with the running value", () => {
    const { sample } = parsePlainInEnglish(
      [
        "### uname -r",
        "6.1.0-18-amd64",
        "### sysctl -a",
        "net.ipv4.tcp_fin_timeout = 60",
        "### grep -r fin_timeout /etc/sysctl.d",
        "/etc/sysctl.d/60-tcp.conf:net.ipv4.tcp_fin_timeout = 10",
        "",
      ].join("\n"),
    );
    // The boot-time rule reports it (file, value and running value); the drift rule does not say it again.
    const findings = analyzeInEnglish(sample).findings;
    expect(findings.find((f) => f.ruleId === "config-applies-at-boot")?.evidence).toEqual([
      "/etc/sysctl.d/60-tcp.conf: net.ipv4.tcp_fin_timeout = 10 lowers tcp_fin_timeout to 10, which bounds FIN_WAIT_2 and does not shorten TIME_WAIT; applies at next boot (running value 60)",
    ]);
    expect(findings.find((f) => f.ruleId === "runtime-differs-from-config")).toBeUndefined();
  });
});

describe("host facts the advisor sizes its judgement by", () => {
  it("reads MemTotal from a pasted /proc/meminfo, so a lowered tcp_max_tw_buckets is judged against this host's default", () => {
    const text = (meminfo: boolean) =>
      [
        "### uname -r",
        "6.1.0-18-amd64",
        "### cat /proc/net/sockstat",
        "TCP: inuse 5 orphan 0 tw 3 alloc 6 mem 1",
        "### sysctl -a",
        "net.ipv4.tcp_max_tw_buckets = 5000",
        ...(meminfo ? ["### cat /proc/meminfo", "MemTotal:       16384000 kB", "MemFree:         1024000 kB"] : []),
        "",
      ].join("\n");
    const { sample } = parsePlainInEnglish(text(true));
    expect(sample.memTotalKb).toBe(16_384_000);
    const lowered = (s: typeof sample) => analyzeInEnglish(s).findings.find((f) => f.ruleId === "tw-buckets-lowered");
    expect(lowered(sample)?.severity).toBe("warning");
    expect(lowered(parsePlainInEnglish(text(false)).sample)?.severity).not.toBe("warning");
  });

  it("takes a pasted sysctl -a without tcp_tw_timeout as a kernel without it: TIME_WAIT fixed at 60 s", () => {
    const { sample } = parsePlainInEnglish(
      ["### uname -r", "6.1.0-18-amd64", "### sysctl -a", "net.ipv4.tcp_fin_timeout = 60", ""].join("\n"),
    );
    expect(sample.missingSysctls).toContain("net.ipv4.tcp_tw_timeout");
    const coverage = JSON.stringify(analyzeInEnglish(sample).findings);
    expect(coverage).not.toMatch(/assumed: tcp_tw_timeout not in the input/);
  });
});

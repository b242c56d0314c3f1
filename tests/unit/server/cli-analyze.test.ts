import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fixturePath, readFixture } from "../../support/fixtures";

/** Runs the real `twscope` command (bin/twscope.mjs) as a user would through npx. */
function twscope(args: string[], input?: string, locale: Record<string, string> = { LANG: "C.UTF-8" }) {
  const env = { ...process.env, LC_ALL: "", LC_MESSAGES: "", ...locale };
  const res = spawnSync(process.execPath, ["bin/twscope.mjs", ...args], { input, encoding: "utf8", timeout: 60_000, env });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe("twscope analyze", () => {
  it.each([
    ["client-port-exhaustion", 2, /CRITICAL {2}Local ports to 198\.18\.0\.10:8080 exhausted/],
    ["tw-bucket-overflow", 2, /CRITICAL {2}TIME_WAIT overflows tcp_max_tw_buckets/],
    ["web-active-close", 1, /WARNING {2}The server on port 80 closes connections first/],
    ["reuse-without-timestamps", 1, /WARNING {2}tcp_tw_reuse is on but does nothing/],
    ["fin-timeout-myth", 1, /WARNING {2}tcp_fin_timeout was lowered/],
    ["keepalive-healthy", 0, /info {2}No TIME_WAIT problem found/],
  ])("prints %s's top finding first and exits %i", (scenario, code, top) => {
    const res = twscope(["analyze", fixturePath("bundles", "lab", `${scenario}.txt`)]);
    expect(res.status).toBe(code);
    const firstFinding = res.stdout.split("\n\n")[1]!;
    expect(firstFinding).toMatch(top);
    if (code > 0) expect(firstFinding).toMatch(/recommended .*\(risk: (low|medium)\)/);
  });

  it("reads standard input and prints the documented JSON with --json", () => {
    const res = twscope(["analyze", "-", "--json"], readFixture("bundles", "centos7-3.10.txt"));
    expect(res.status).toBe(2);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({
      schema: "twscope.analysis/1",
      kernel: "3.10.0-1160.el7.x86_64",
      verdict: "critical",
      worst: "critical",
      healthy: false,
    });
    expect(report.counts).toEqual({ timeWait: 20, serverSide: 8, clientSide: 12, established: 2 });
    expect(report.findings[0]).toMatchObject({
      ruleId: "tw-recycle-enabled",
      severity: "critical",
      remedies: [{ id: "tcp-tw-recycle", title: expect.any(String), risk: "critical", applicability: "harmful", why: expect.any(String) }],
    });
  });

  it("speaks Chinese with --lang zh-CN, or LANG=zh_CN.UTF-8, and English again with LC_ALL=C", () => {
    const bundle = fixturePath("bundles", "lab", "client-port-exhaustion.txt");
    const flagged = twscope(["analyze", bundle, "--lang", "zh-CN"]);
    expect(flagged.status).toBe(2);
    expect(flagged.stdout).toMatch(/^结论 严重 · 内核 /);
    expect(flagged.stdout).toContain("严重  访问 198.18.0.10:8080 的本地端口已耗尽  [client-port-exhaustion]");
    expect(twscope(["analyze", bundle], undefined, { LANG: "zh_CN.UTF-8" }).stdout).toBe(flagged.stdout);
    expect(twscope(["analyze", bundle], undefined, { LANG: "zh_CN.UTF-8", LC_ALL: "C" }).stdout).toMatch(/^verdict CRITICAL/);
    const bad = twscope(["analyze", bundle, "--lang", "fr"]);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/unknown language "fr"/);
  });

  it("keeps the JSON schema in Chinese, its texts translated", () => {
    const res = twscope(["analyze", "-", "--json"], readFixture("bundles", "centos7-3.10.txt"), { LANG: "zh_CN.UTF-8" });
    expect(res.status).toBe(2);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ schema: "twscope.analysis/1", verdict: "critical", worst: "critical", healthy: false });
    expect(report.findings[0]).toMatchObject({
      ruleId: "tw-recycle-enabled",
      severity: "critical",
      title: "tcp_tw_recycle 已开启：NAT 后面的客户端会连不上",
      remedies: [
        {
          id: "tcp-tw-recycle",
          title: expect.any(String),
          risk: "critical",
          applicability: "harmful",
          why: expect.stringMatching(/sysctl 文件/),
        },
      ],
    });
    expect(report.coverage[0]).toEqual({ check: "TIME_WAIT 计数", state: "checked", detail: "20 个，来自 /proc/net/sockstat" });
  });

  it("analyses plain command outputs, lists what they lacked, and says healthy only as the exit code does", () => {
    // A socket list alone: healthy as far as it goes, with the checks it could not feed named.
    const res = twscope(["analyze", fixturePath("plain", "netns-netstat.txt"), "--json"]);
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.missing).toContain("no sysctl values (sysctl -a)");
    expect(report).toMatchObject({ verdict: "healthy", healthy: true });
    expect(report.coverage).toContainEqual({
      check: "sysctl values",
      state: "unchecked",
      detail: expect.stringMatching(/no sysctl values/),
    });
  });

  it("exits 4 with verdict unknown for a bundle of uname -r and sysctl -a only", () => {
    const full = readFixture("plain", "host-full.txt");
    const part = (heading: string) => full.slice(full.indexOf(`### ${heading}\n`)).split(/^(?=### )/m)[0]!;
    const input = part("uname -r") + part("sysctl net").replace("### sysctl net", "### sysctl -a");
    const text = twscope(["analyze", "-"], input);
    expect(text.status).toBe(4);
    expect(text.stdout).toMatch(/^verdict UNKNOWN · kernel \S+ · no TIME_WAIT count\n/);
    expect(text.stdout).not.toMatch(/No TIME_WAIT problem found/);
    const json = twscope(["analyze", "-", "--json"], input);
    expect(json.status).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ verdict: "unknown", healthy: false, counts: { timeWait: null } });
  });

  it.each([
    ["garbage", "hello\nworld\n", /unusable input: no recognised section/],
    ["empty input", "", /unusable input: .*empty/],
    ["a truncated bundle", readFixture("bundles", "centos7-3.10.txt").slice(0, 900), /unusable input: .*truncated/],
  ])("exits 3 with a message for %s", (_what, input, message) => {
    const res = twscope(["analyze", "-"], input);
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe("");
  });

  it("exits 3 for a missing file", () => {
    const res = twscope(["analyze", "/nonexistent/bundle.txt"]);
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(/no such file: \/nonexistent\/bundle\.txt/);
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixturePath } from "../../support/fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-cli-sos-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the real `twscope` command (bin/twscope.mjs) as a user would through npx. */
function twscope(args: string[]) {
  const res = spawnSync(process.execPath, ["bin/twscope.mjs", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe("twscope analyze on a sosreport", () => {
  it("reads an extracted sosreport directory: the probe's counts and the stale tcp_tw_recycle line", () => {
    const res = twscope(["analyze", fixturePath("sosreport", "netns-7200"), "--json"]);
    expect(res.stderr).toBe("");
    const report = JSON.parse(res.stdout);
    expect(report.counts).toMatchObject({ timeWait: 50, serverSide: 26, clientSide: 24 });
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain("tw-recycle-in-config");
    expect(report.missing).toEqual([]);
  });

  it.each([
    ["-cJf", "sosreport.tar.xz", []],
    ["-czf", "sosreport.tar.gz", []],
    ["-cf", "over-8-mib.tar", ["-C", tmp, "filler"]],
  ])("reads an archive (tar %s %s) as its extracted directory", (flags, file, extra) => {
    fs.writeFileSync(path.join(tmp, "filler"), Buffer.alloc(9 * 1024 * 1024, 1));
    const archive = path.join(tmp, file);
    expect(spawnSync("tar", [flags, archive, "-C", fixturePath("sosreport"), "netns-7200", ...extra]).status).toBe(0);
    const res = twscope(["analyze", archive, "--json"]);
    expect(res.stderr).toBe("");
    expect(JSON.parse(res.stdout)).toEqual(JSON.parse(twscope(["analyze", fixturePath("sosreport", "netns-7200"), "--json"]).stdout));
  });

  it("refuses a directory that is not a sosreport", () => {
    fs.mkdirSync(path.join(tmp, "empty"));
    const res = twscope(["analyze", path.join(tmp, "empty")]);
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(/is not an extracted sosreport: expected sos_commands\/kernel\/uname_-a/);
  });
});

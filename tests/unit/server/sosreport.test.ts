import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { BundleError } from "@/lib/bundle/bundle-error";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { sosreportHeading } from "@/lib/bundle/sosreport/sosreport-bundle";
import { renderText, type StoredText } from "@/lib/i18n/message";
import type { HostSample } from "@/lib/types";
import { readSosreportArchive } from "@/server/ingest/read-sosreport-archive";
import { readSosreportDir } from "@/server/ingest/read-sosreport-dir";
import { fixturePath, readFixture } from "../../support/fixtures";
import { chinese, english } from "../../support/i18n";

// tests/fixtures/sosreport/netns-7200 is a sosreport-shaped tree of real command outputs and
// /proc files, with netns-7200.probe.txt the probe's bundle of the same sockets (see its README).

const REPORT = fixturePath("sosreport", "netns-7200");
const PROBE = parseProbeBundle(readFixture("sosreport", "netns-7200.probe.txt"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-sos-"));
const inEnglish = (notes: StoredText[]) => notes.map((n) => renderText(english, n));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sockets = (s: HostSample) => ({ states: s.states, listeningPorts: s.listeningPorts, timeWait: s.timeWait });

/** A copy of the fixture tree to change, under a top directory as `sos report` names it. */
function copyOfReport(name: string): string {
  const top = path.join(tmp, name, "sosreport-vm-2026-12-01-abcdefg");
  fs.cpSync(REPORT, top, { recursive: true, verbatimSymlinks: true });
  return top;
}

function tarOf(dir: string, flags: string, file: string, ...extra: string[]): Uint8Array {
  const out = path.join(tmp, file);
  const res = spawnSync("tar", [flags, out, ...extra, "-C", path.dirname(dir), path.basename(dir)], { encoding: "utf8" });
  expect(res.status, res.stderr).toBe(0);
  return fs.readFileSync(out);
}

describe("sosreportHeading()", () => {
  it.each([
    ["sos_commands/kernel/uname_-a", "uname -a"],
    ["sos_commands/kernel/sysctl_-a", "sysctl -a"],
    ["sos_commands/networking/netstat_-W_-neopa", "netstat -W -neopa"],
    ["sos_commands/networking/ss_-peaonmi", "ss -peaonmi"],
    ["proc/net/tcp6", "cat /proc/net/tcp6"],
    ["etc/sysctl.d/99-tuning.conf", "cat /etc/sysctl.d/99-tuning.conf"],
    ["sos_commands/networking/netstat_-s", null],
    ["sos_commands/networking/ip_-o_addr", null],
    ["var/log/messages", null],
    ["etc/sysctl.d/../../../etc/shadow", null],
  ])("%s → %s", (file, heading) => {
    expect(sosreportHeading(file)).toBe(heading);
  });
});

describe("readSosreportDir()", () => {
  const bundle = readSosreportDir(REPORT);

  it("counts the sockets as the probe did: total, server/client split, per port and per destination", () => {
    expect(sockets(bundle.sample)).toEqual(sockets(PROBE));
    expect(bundle.sample.timeWait).toMatchObject({ total: 50, server: 26, client: 24 });
    expect(bundle.sample.timeWait.byListeningPort).toEqual([
      { port: 7200, count: 11 },
      { port: 7201, count: 9 },
      { port: 7202, count: 3 },
      { port: 7220, count: 3 },
    ]);
    expect(bundle.sample.timeWait.byPeer).toEqual([
      { peer: "203.0.113.5:7210", count: 8 },
      { peer: "203.0.113.5:7213", count: 6 },
      { peer: "[2001:db8:5::5]:7211", count: 6 },
      { peer: "203.0.113.5:7212", count: 4 },
    ]);
    expect(bundle.sample.socketSource).toBe("ss");
  });

  it("reads the kernel, sysctls, counters and sockstat, and lists no gap a sosreport does not have", () => {
    expect(bundle.sample.kernel).toBe("6.18.44-fc-v1045");
    expect(bundle.sample.hostname).toBe("vm");
    expect(bundle.sample.sysctls["net.ipv4.ip_local_port_range"]).toBe("46000 46999");
    expect(bundle.sample.sockstat.tcpTw).toBe(50);
    expect(bundle.sample.counters["TcpExt.TW"]).toBeTypeOf("number");
    expect(bundle.missing).toEqual([]);
  });

  it("reads etc/sysctl.conf and etc/sysctl.d, and the configuration rules fire", () => {
    expect(bundle.sample.configuredSysctls).toEqual([
      { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_recycle", value: "1", line: 8 },
      { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_reuse", value: "1", line: 9 },
      { file: "/etc/sysctl.d/99-tuning.conf", key: "net.ipv4.tcp_fin_timeout", value: "30", line: 2 },
      { file: "/etc/sysctl.d/99-tuning.conf", key: "net.core.somaxconn", value: "1024", line: 3 },
    ]);
    const ids = analyzeSample(bundle.sample).findings.map((f) => f.ruleId);
    expect(ids).toContain("tw-recycle-in-config");
    expect(ids).toContain("runtime-differs-from-config");
  });

  it("takes the one report inside a directory, as tar -xf leaves it", () => {
    const top = copyOfReport("parent");
    expect(readSosreportDir(path.dirname(top))).toEqual(readSosreportDir(top));
  });

  it("does not follow a symbolic link, and says so", () => {
    const top = copyOfReport("links");
    fs.rmSync(path.join(top, "etc", "sysctl.conf"));
    fs.symlinkSync("/etc/hostname", path.join(top, "etc", "sysctl.conf"));
    fs.renameSync(path.join(top, "proc", "net"), path.join(top, "proc", "elsewhere"));
    fs.symlinkSync("elsewhere", path.join(top, "proc", "net"));
    const { sample, missing } = readSosreportDir(top);
    expect(inEnglish(missing)).toContain("etc/sysctl.conf is a symbolic link: not followed");
    expect(inEnglish(missing)).toContain("proc/net/tcp is a symbolic link: not followed");
    expect(missing.map((n) => renderText(chinese, n))).toContain("proc/net/tcp 是符号链接：未跟随");
    expect(sample.configuredSysctls?.map((c) => c.file)).not.toContain("/etc/sysctl.conf");
    expect(sample.sockstat.tcpTw).toBeNull();
  });

  it("refuses a directory that is not a sosreport", () => {
    fs.mkdirSync(path.join(tmp, "empty"));
    expect(() => readSosreportDir(path.join(tmp, "empty"))).toThrow(BundleError);
    expect(() => readSosreportDir(path.join(tmp, "empty"))).toThrow(
      /is not an extracted sosreport: expected sos_commands\/kernel\/uname_-a/,
    );
  });
});

describe("readSosreportArchive()", () => {
  const fromDir = readSosreportDir(REPORT);

  it.each([
    ["-cJf", "report.tar.xz"],
    ["-czf", "report.tar.gz"],
    ["-cf", "report.tar"],
  ])("tar %s: what the extracted directory gives", async (flags, file) => {
    const top = copyOfReport(`archive-${file}`);
    expect(await readSosreportArchive(tarOf(top, flags, file))).toEqual(fromDir);
  });

  it("extracts no link and no name with .., and says what it left out", async () => {
    const top = copyOfReport("evil");
    fs.rmSync(path.join(top, "etc", "sysctl.conf"));
    fs.symlinkSync("/etc/hostname", path.join(top, "etc", "sysctl.conf"));
    fs.writeFileSync(path.join(tmp, "evil", "sysctl.conf"), "net.ipv4.tcp_tw_recycle = 7\n");
    const archive = path.join(tmp, "evil.tar");
    const base = ["-cf", archive, "-C", path.join(tmp, "evil")];
    expect(spawnSync("tar", [...base, "-P", "--transform", "s,^sysctl,../etc/sysctl,", "sysctl.conf", path.basename(top)]).status).toBe(0);
    const { sample, missing } = await readSosreportArchive(fs.readFileSync(archive));
    expect(inEnglish(missing)).toContain("etc/sysctl.conf is a link in the archive: not followed");
    expect(sample.configuredSysctls?.some((c) => c.value === "7" || c.file === "/etc/sysctl.conf")).toBe(false);
    expect(sample.timeWait).toEqual(PROBE.timeWait);
  });

  it("leaves out a file over 8 MiB without extracting it", async () => {
    const top = copyOfReport("big");
    fs.writeFileSync(path.join(top, "etc", "sysctl.d", "00-big.conf"), "#".repeat(9 * 1024 * 1024));
    const { missing } = await readSosreportArchive(tarOf(top, "-czf", "big.tar.gz"));
    expect(inEnglish(missing)).toContain("left out etc/sysctl.d/00-big.conf (9.0 MiB): twscope reads at most 8 MiB of a file");
  });

  it.each([
    ["text", new TextEncoder().encode("### uname -r\n6.1.0\n"), /not a \.tar\.xz, \.tar\.gz or \.tar archive/],
    ["a gzip stream that is not a tar", new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), /the archive cannot be read: /],
  ])("refuses %s with a BundleError", async (_what, bytes, message) => {
    await expect(readSosreportArchive(bytes)).rejects.toThrow(BundleError);
    await expect(readSosreportArchive(bytes)).rejects.toThrow(message);
  });

  it("refuses an archive with none of the files", async () => {
    const dir = path.join(tmp, "unrelated", "photos");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "a.txt"), "hello\n");
    await expect(readSosreportArchive(tarOf(dir, "-czf", "photos.tar.gz"))).rejects.toThrow(/no file twscope reads in this archive/);
  });
});

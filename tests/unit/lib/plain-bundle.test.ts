import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BundleError } from "@/lib/bundle/bundle-error";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { parseAnyInEnglish, parsePlainInEnglish } from "../../support/advice";
import { aggregateSockets } from "@/lib/bundle/plain/socket-lists";
import type { HostSample } from "@/lib/types";
import { readFixture } from "../../support/fixtures";

// Plain bundles (tests/fixtures/plain, see its README) against the real probe run on the same
// ss output through a fake `ss`, and against each other where captured at the same moment.

const plain = (file: string) => readFixture("plain", file);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-plain-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The output under `### heading` in a plain bundle. */
function sectionOf(text: string, heading: string): string {
  const start = text.indexOf(`### ${heading}\n`);
  if (start === -1) throw new Error(`no "### ${heading}"`);
  const body = text.slice(start + heading.length + 5);
  const end = body.search(/^### /m);
  return end === -1 ? body : body.slice(0, end);
}

let runs = 0;
/** Runs server/probe/twscope-probe.sh with a fake ss printing `tan` for -tan and `ltn` for -ltn. */
function probeSample(tan: string, ltn: string): HostSample {
  const dir = path.join(tmp, `run-${++runs}`);
  fs.mkdirSync(path.join(dir, "proc"), { recursive: true });
  fs.writeFileSync(path.join(dir, "tan.txt"), tan);
  fs.writeFileSync(path.join(dir, "ltn.txt"), ltn);
  const ss = path.join(dir, "ss");
  fs.writeFileSync(ss, `#!/bin/sh\ncase "$*" in *l*) exec cat '${dir}/ltn.txt' ;; *) exec cat '${dir}/tan.txt' ;; esac\n`, { mode: 0o755 });
  const res = spawnSync("sh", ["-s"], {
    input: fs.readFileSync(path.join(process.cwd(), "server/probe/twscope-probe.sh"), "utf8"),
    encoding: "utf8",
    env: { NODE_ENV: "test", PATH: process.env.PATH, TWSCOPE_PROC: path.join(dir, "proc"), TWSCOPE_SS: ss },
  });
  expect(res.status, res.stderr).toBe(0);
  return parseProbeBundle(res.stdout);
}

const sockets = (s: HostSample) => ({ states: s.states, listeningPorts: s.listeningPorts, timeWait: s.timeWait });
const NETNS = parsePlainInEnglish(plain("netns-full.txt")).sample;

describe("parsePlainInEnglish() gives the probe's aggregation for the same ss output", () => {
  it.each(["host-full.txt", "netns-full.txt", "old-ss-wrapped.txt"])("%s: same states, listening ports, groups and totals", (file) => {
    const text = plain(file);
    const { sample } = parsePlainInEnglish(text);
    expect(sample.timeWait.server).toBeGreaterThan(0);
    expect(sample.timeWait.client).toBeGreaterThan(0);
    expect(sockets(sample)).toEqual(sockets(probeSample(sectionOf(text, "ss -tan"), sectionOf(text, "ss -ltn"))));
  });

  it("joins rows old ss wrapped, skips its header and agrees with the committed CentOS 7 bundle", () => {
    const { sample } = parsePlainInEnglish(plain("old-ss-wrapped.txt"));
    expect(sockets(sample)).toEqual(sockets(parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"))));
    expect(sample.timeWait.byPeer).toContainEqual({ peer: "[2001:db8::21]:443", count: 2 });
  });

  it("reads every address form ss prints: brackets, %scope, *, unbracketed IPv6, ::ffff:", () => {
    const [tan, ltn] = ["ss-tan.txt", "ss-ltn.txt"].map((f) => readFixture("probe", "forms", f));
    const { sample } = parsePlainInEnglish(`### ss -tan\n${tan}### ss -ltn\n${ltn}`);
    expect(sockets(sample)).toEqual(sockets(probeSample(tan!, ltn!)));
    expect(sample.timeWait.byPeer.map((g) => g.peer)).toContain("[fe80::2]:443");
  });

  it("keeps the probe's top-50 cut and tie-breaks: count, then port numerically or peer in byte order", () => {
    const rows = ["State Recv-Q Send-Q Local Address:Port Peer Address:Port Process"];
    for (let i = 0; i < 80; i++) {
      const port = 9960 + i; // 9960..10039: numeric and text order differ
      rows.push(`LISTEN 0 511 ${i % 3 ? "0.0.0.0" : "[::]"}:${port} *:*`);
      for (let k = 0; k < 1 + (i % 4); k++) rows.push(`TIME-WAIT 0 0 10.0.0.1:${port} 10.1.${k}.${i}:${40000 + k}`);
    }
    const peers = ["10.2.0.", "[2001:db8::", "[::ffff:10.3.0.", "[fe80::"];
    for (let j = 0; j < 300; j++) {
      const p = peers[j % 4]!;
      const addr = p.startsWith("[")
        ? `${p}${(j % 70).toString(p.includes("ffff") ? 10 : 16)}${p.startsWith("[fe80") ? "%eth0" : ""}]`
        : `${p}${j % 70}`;
      rows.push(`TIME-WAIT 0 0 10.0.0.1:${50000 + j} ${addr}:${[80, 443, 8080][j % 3]}`);
    }
    const tan = rows.join("\n") + "\n";
    const ltn = rows.filter((r) => !r.startsWith("TIME")).join("\n") + "\n";
    const { sample } = parsePlainInEnglish(`### ss -tan\n${tan}### ss -ltn\n${ltn}`);
    expect(sample.timeWait.serverPorts).toBeGreaterThan(50);
    expect(sample.timeWait.clientPeers).toBeGreaterThan(50);
    expect(sample.timeWait.byPeer).toHaveLength(50);
    expect(sockets(sample)).toEqual(sockets(probeSample(tan, ltn)));
  });
});

describe("socket lists captured at the same moment give the same TIME_WAIT breakdown", () => {
  it("netstat -ant gives ss -tan's groups, totals, states and listening ports, with no socket source", () => {
    const { sample } = parsePlainInEnglish(plain("netns-netstat.txt"));
    expect(sockets(sample)).toEqual(sockets(NETNS));
    expect(sample.timeWait.byPeer).toContainEqual({ peer: "[2001:db8::10]:10001", count: 6 });
    expect([sample.socketSource, NETNS.socketSource]).toEqual([null, "ss"]);
  });

  it("warns that netstat without -W may have cut a long IPv6 address, and not with -W", () => {
    // What net-tools prints for 2001:db8:aaaa:bbbb::2 port 41000 and 2001:db8:aaaa:bbbb::c port 443.
    const rows = "tcp6       0      0 2001:db8:aaaa:bbb:41000 2001:db8:aaaa:bbbb::443 TIME_WAIT  \n";
    const note = /netstat without -W cuts long IPv6 addresses short/;
    expect(parsePlainInEnglish(`### netstat -ant\n${rows}`).missing.some((m) => note.test(m))).toBe(true);
    expect(parsePlainInEnglish(`### netstat -antW\n${rows}`).missing.some((m) => note.test(m))).toBe(false);
  });

  it("ss -Htan state time-wait with ss -Hltn: same breakdown, states only TIME-WAIT and LISTEN", () => {
    const { sample, missing } = parsePlainInEnglish(plain("netns-tw-only.txt"));
    expect(sample.timeWait).toEqual(NETNS.timeWait);
    expect(sample.listeningPorts).toEqual(NETNS.listeningPorts);
    expect(sample.states).toEqual({ "TIME-WAIT": 50, LISTEN: 9 });
    expect(missing).toContain(
      'the socket list "### ss -Htan state time-wait" is filtered (state time-wait): counts cover only the sockets it lists',
    );
  });

  const variants = plain("netns-variants.txt");
  it.each([
    [["ss -ant"]],
    [["ss -Htan"]],
    [["netstat -tanp"]],
    [["ss -tan state time-wait", "ss -lnt"]],
    [["ss -tan state time-wait", "ss -tln"]],
    [["ss -tan state time-wait", "netstat -ltn"]],
  ])("reads the header variant %j", (headings) => {
    const text = headings.map((h) => `### ${h}\n${sectionOf(variants, h)}`).join("");
    expect(parsePlainInEnglish(text).sample.timeWait).toEqual(NETNS.timeWait);
  });

  it.each([
    "sudo ss -tan",
    "/usr/sbin/ss -tan",
    "sudo -n /usr/bin/ss  -t -a  -n",
    "ss --tcp --all --numeric",
    "$ ss -tan 2>/dev/null",
    "LC_ALL=C ss -tan",
  ])("recognises the heading %j as ss -tan", (heading) => {
    const text = plain("netns-full.txt").replace(/^### ss -tan$/m, `### ${heading}`);
    expect(parsePlainInEnglish(text)).toEqual({ sample: NETNS, missing: [] });
  });

  it.each([
    ["ss -tn", /without -a/],
    ["ss -ta", /without -n/],
    ["ss -xan", /ss -x lists Unix sockets, not TCP ones \(no -t\); run ss -tan/],
    ["df -h", /not a command/],
  ])("ignores the heading %j and says why", (heading, why) => {
    const { sample, missing } = parsePlainInEnglish(
      `### uname -r\n6.1.0-18-amd64\n### ${heading}\n${sectionOf(plain("netns-full.txt"), "ss -tan")}`,
    );
    expect(sample.timeWait.total).toBe(0);
    expect(missing.find((m) => m.startsWith(`ignored section "### ${heading}"`))).toMatch(why);
  });
});

describe("aggregateSockets()", () => {
  it("writes peers in lowercase RFC 5952 form in brackets, mapped IPv4 plain, without scope", () => {
    const tw = (peer: string) => ({ state: "TIME-WAIT" as const, local: "[2001:db8::5]:41000", peer });
    const { timeWait } = aggregateSockets([
      tw("[2001:DB8:0:0:0:0:0:1]:443"),
      tw("2001:db8::1:443"),
      tw("[::FFFF:10.0.0.1]:80"),
      tw("[fe80::1%eth0]:22"),
    ]);
    expect(timeWait.byPeer).toEqual([
      { peer: "[2001:db8::1]:443", count: 2 },
      { peer: "10.0.0.1:80", count: 1 },
      { peer: "[fe80::1]:22", count: 1 },
    ]);
  });

  it("counts every TIME_WAIT socket as client side when no listener is known, and says so", () => {
    const { sample, missing } = parsePlainInEnglish(
      `### ss -Htan state time-wait\n${sectionOf(plain("netns-tw-only.txt"), "ss -Htan state time-wait")}`,
    );
    expect(sample.timeWait).toMatchObject({ total: 50, server: 0, client: 50 });
    expect(sample.timeWait.byPeer).toContainEqual({ peer: "192.0.2.10:10000", count: 8 });
    // The server-side sockets (local port 9990 …) now count by their clients' addresses.
    expect(sample.timeWait.clientPeers).toBeGreaterThan(NETNS.timeWait.clientPeers + 20);
    expect(missing).toContain("no listening ports (ss -ltn): server/client split unknown, every TIME_WAIT socket counted as client side");
  });
});

describe("what a plain bundle lacks", () => {
  it("lists nothing for a full bundle and fills sysctls (net.* only), counters and sockstat", () => {
    const { sample, missing } = parsePlainInEnglish(plain("netns-full.txt"));
    expect(missing).toEqual([]);
    expect(sample.sysctls).toMatchObject({
      "net.ipv4.tcp_tw_reuse": "0",
      "net.ipv4.tcp_fin_timeout": "20",
      "net.ipv4.ip_local_port_range": "50000 50999",
    });
    expect(Object.keys(sample.sysctls).every((k) => k.startsWith("net."))).toBe(true);
    // Absent from a whole `sysctl -a`: this kernel has neither (tcp_tw_timeout is a vendor kernel's).
    expect(sample.missingSysctls).toEqual(["net.ipv4.tcp_tw_recycle", "net.ipv4.tcp_tw_timeout"]);
    expect(sample.counters["TcpExt.TW"]).toBeTypeOf("number");
    expect(sample.counters["Tcp.ActiveOpens"]).toBeTypeOf("number");
    expect(sample.sockstat.tcpTw).toBe(50);
    expect(sample.kernel).toMatch(/^\d+\.\d+/);
  });

  it("names each absent section for a netstat-only bundle; the TIME_WAIT count comes from the list", () => {
    const { sample, missing } = parsePlainInEnglish(plain("netns-netstat.txt"));
    expect(missing).toEqual([
      "no kernel version (uname -r)",
      "no /proc/net/sockstat: the TIME_WAIT count comes from the socket list",
      "no /proc/net/sockstat6: no IPv6 TCP socket count",
      "no /proc/net/netstat: no TIME_WAIT overflow or reuse counters",
      "no /proc/net/snmp: no connection open rates",
      "no sysctl values (sysctl -a)",
    ]);
    expect([sample.sockstat.tcpTw, sample.timeWait.total]).toEqual([null, 50]);
  });

  it("reads sysctl errors as missing or denied, keeps only net.* and concludes nothing after a pipe", () => {
    const { sample, missing } = parsePlainInEnglish(
      [
        "### sudo sysctl -a",
        "kernel.pid_max = 4194304",
        "net.ipv4.tcp_tw_reuse = 1",
        "sysctl: permission denied on key 'net.core.bpf_jit_harden'",
        "### sysctl net.ipv4.tcp_tw_recycle",
        "sysctl: cannot stat /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory",
        "### sysctl net.core",
        "net.core.somaxconn = 4096",
        "",
      ].join("\n"),
    );
    expect(sample.sysctls).toEqual({ "net.ipv4.tcp_tw_reuse": "1", "net.core.somaxconn": "4096" });
    const piped = parsePlainInEnglish(
      [
        "### sysctl net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_recycle net.ipv4.tcp_timestamps 2>&1 | grep tcp_tw",
        "net.ipv4.tcp_tw_reuse = 1",
        "sysctl: cannot stat /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory",
      ].join("\n"),
    ).sample;
    expect([piped.sysctls, piped.missingSysctls]).toEqual([{ "net.ipv4.tcp_tw_reuse": "1" }, ["net.ipv4.tcp_tw_recycle"]]);
    expect(sample.missingSysctls).toContain("net.ipv4.tcp_tw_recycle");
    expect(sample.missingSysctls).toContain("net.ipv4.tcp_timestamps"); // -a printed all, but not it
    expect(sample.missingSysctls).not.toContain("net.core.somaxconn");
    expect(sample.deniedSysctls).toEqual(["net.core.bpf_jit_harden"]);
    expect(missing).toContain("no socket list (ss -tan or netstat -ant): no server/client breakdown");
  });

  it("takes the missing sysctl from a pasted error and says what old ss output lacks", () => {
    const { sample, missing } = parsePlainInEnglish(plain("old-ss-wrapped.txt"));
    expect(sample.missingSysctls).toEqual(["net.ipv4.tcp_tw_reuse_delay"]);
    expect(sample.sysctls["net.ipv4.tcp_tw_recycle"]).toBe("1");
    expect(missing).toEqual([
      "no /proc/net/sockstat6: no IPv6 TCP socket count",
      "no /proc/net/netstat: no TIME_WAIT overflow or reuse counters",
      "no /proc/net/snmp: no connection open rates",
    ]);
  });

  it("drops a row cut short at the end of a paste and says the paste may be truncated", () => {
    const full = plain("netns-full.txt");
    const cut = full.slice(0, full.indexOf("### ss -ltn")).replace(/\s+\S+\s*$/, "");
    const { sample, missing } = parsePlainInEnglish(cut);
    expect(sample.states["TIME-WAIT"]).toBe(NETNS.states["TIME-WAIT"]! - 1);
    expect(missing).toContain('the last row of "### ss -tan" is incomplete: the paste may be cut short');
  });
});

describe("parseAnyInEnglish()", () => {
  it("reads the probe's bundle as parseProbeBundle does and lists what it lacks", () => {
    const text = readFixture("bundles", "localhost-6x.txt");
    expect(parseAnyInEnglish(text)).toEqual({ sample: parseProbeBundle(text), missing: [], format: "probe" });
    const noTotals = text.replace(/@@tw-totals\n[^@]*/, "");
    expect(parseAnyInEnglish(noTotals).missing).toEqual(["no @@tw-totals section: TIME_WAIT totals are sums of the top-50 groups"]);
  });

  it("counts a failed ss as a missing list only when the probe had no other source", () => {
    const text = readFixture("bundles", "proc-fallback.txt");
    const replaced = text.replace("source proc\n", "source proc\n! ss -tan failed with status 1\n");
    expect(parseAnyInEnglish(replaced).missing).toEqual([]);
    const lost = text.replace(/@@states\n[^@]*/, "@@states\n! ss -tan failed with status 1\n");
    expect(parseAnyInEnglish(lost).missing).toContain(
      "the host's socket list failed (states: ss -tan failed with status 1): no server/client breakdown",
    );
  });

  it("reads a plain bundle as parsePlainBundle does", () => {
    const text = `\n${plain("old-ss-wrapped.txt")}`;
    expect(parseAnyInEnglish(text)).toEqual({ ...parsePlainInEnglish(text), format: "plain" });
  });

  const huge = `### uname -r\n6.1.0\n### df -h\n${"x".repeat(8 * 1024 * 1024)}\n`;
  it.each([
    ["empty", "", /empty/],
    ["blank", " \n\n", /empty/],
    [
      "garbage",
      "Welcome to Ubuntu 22.04\nLast login: Mon\n",
      /no recognised section: expected the probe's output or '### <command>' headings/,
    ],
    ["binary", "\u0000\u0001###\u0002", /no recognised section/],
    ["only unknown headings", "### df -h\nFilesystem Size\n### free -m\nMem: 1\n", /no recognised section/],
    [
      "a recognised heading over garbage",
      "### ss -tan\nhello world\n### cat /proc/net/netstat\nIpExt: 1\n",
      /hold nothing twscope reads.*1 line\(s\) of "### ss -tan" not understood/,
    ],
    ["a truncated probe bundle", "@@twscope-probe 1\n@@sockstat\nTCP: inuse 1 orphan 0 tw 3 alloc 1 mem 0\n", /truncated/],
    ["over 8 MiB", huge, /too large/],
  ])("rejects %s with a BundleError", (_name, text, message) => {
    expect(() => parseAnyInEnglish(text)).toThrow(BundleError);
    expect(() => parseAnyInEnglish(text)).toThrow(message);
  });

  it("refuses over 8 MiB in parsePlainBundle too, counting UTF-8 bytes", () => {
    expect(() => parsePlainInEnglish(`### uname -r\n6.1.0\n### df -h\n${"é".repeat(4.5 * 1024 * 1024)}`)).toThrow(/too large/);
    expect(parsePlainInEnglish(`### uname -r\n6.1.0\n### df -h\n${"é".repeat(3.5 * 1024 * 1024)}`).sample.kernel).toBe("6.1.0");
  });
});

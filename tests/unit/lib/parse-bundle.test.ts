import { describe, expect, it } from "vitest";
import { BundleError } from "@/lib/bundle/bundle-error";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { hasSocketList } from "@/lib/sample/facts";
import { readFixture } from "../../support/fixtures";

describe("parseProbeBundle() on captured bundles", () => {
  it("reads a 3.10 kernel's bundle: recycle on, PAWSPassive counted, reuse_delay missing", () => {
    const s = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
    expect(s.kernel).toBe("3.10.0-1160.el7.x86_64");
    expect(s.sysctls["net.ipv4.tcp_tw_recycle"]).toBe("1");
    expect(s.missingSysctls).toContain("net.ipv4.tcp_tw_reuse_delay");
    expect(s.counters["TcpExt.PAWSPassive"]).toBe(8812);
    expect(s.counters["TcpExt.TW"]).toBe(48211377);
    expect(s.counters["Tcp.ActiveOpens"]).toBe(30112876);
    expect(s.sockstat).toMatchObject({ tcpInuse: 8, tcpOrphan: 1, tcpTw: 20, tcpAlloc: 13, tcp6Inuse: 4 });
    expect(s.states).toMatchObject({ ESTAB: 2, "TIME-WAIT": 20, LISTEN: 6 });
    expect(s.listeningPorts).toEqual([22, 25, 80, 8080]);
    expect(s.timeWait).toMatchObject({ total: 20, server: 8, client: 12, serverPorts: 2, clientPeers: 5 });
    expect(s.timeWait.byListeningPort[0]).toEqual({ port: 80, count: 4 });
    expect(s.timeWait.byPeer.map((g) => g.peer)).toContain("[2001:db8::21]:443");
    expect(s.uptimeSeconds).toBe(8640123);
  });

  it("keeps the port range as two numbers separated by one space", () => {
    const s = parseProbeBundle(readFixture("bundles", "netns-reuse-no-ts.txt"));
    expect(s.sysctls["net.ipv4.ip_local_port_range"]).toMatch(/^\d+ \d+$/);
    expect(s.sysctls["net.ipv4.tcp_timestamps"]).toBe("0");
    expect(s.sysctls["net.ipv4.tcp_tw_reuse"]).toBe("1");
  });

  it("reads a modern kernel's bundle without tcp_tw_recycle", () => {
    const s = parseProbeBundle(readFixture("bundles", "localhost-6x.txt"));
    expect(s.kernel).toMatch(/^6\./);
    expect(s.missingSysctls).toContain("net.ipv4.tcp_tw_recycle");
    expect(s.sysctls["net.ipv4.tcp_tw_recycle"]).toBeUndefined();
    expect(s.counters["TcpExt.TCPTimeWaitOverflow"]).toBeTypeOf("number");
    expect(s.counters["TcpExt.PAWSPassive"]).toBeUndefined();
    expect(s.socketSource).toBe("ss");
  });

  it("reads a bundle made from /proc/net/tcp without ss", () => {
    const s = parseProbeBundle(readFixture("bundles", "proc-fallback.txt"));
    expect(s.socketSource).toBe("proc");
    expect(s.timeWait.total).toBe(s.timeWait.server + s.timeWait.client);
  });

  it("reads a bundle whose ss failed: the note in @@meta is a problem, the /proc lists still count", () => {
    const text = readFixture("bundles", "proc-fallback.txt").replace("source proc\n", "source proc\n! ss -tan failed with status 1\n");
    const s = parseProbeBundle(text);
    expect(s.socketSource).toBe("proc");
    expect(s.problems).toContain("meta: ss -tan failed with status 1");
    expect(hasSocketList(s)).toBe(true);
    expect(s.timeWait).toEqual(parseProbeBundle(readFixture("bundles", "proc-fallback.txt")).timeWait);
  });
});

describe("parseProbeBundle() on unusable text", () => {
  const cases: [string, string, RegExp][] = [
    ["empty", "", /empty/],
    ["blank", "\n\n  \n", /empty/],
    ["garbage", "Welcome to Ubuntu 22.04\nLast login: …\n", /does not start with "@@twscope-probe"/],
    ["binary", "\u0000\u0001\u0002@@end", /does not start/],
    ["a newer format", "@@twscope-probe 9\n@@end\n", /format 9 is not supported/],
    ["truncated", "@@twscope-probe 1\n@@sockstat\nTCP: inuse 1 orphan 0 tw 3 alloc 1 mem 0\n", /truncated/],
    ["no data sections", "@@twscope-probe 1\n@@meta\ntime 1\n@@end\n", /none of the sections/],
  ];
  it.each(cases)("rejects %s text with a clear error", (_name, text, message) => {
    expect(() => parseProbeBundle(text)).toThrow(BundleError);
    expect(() => parseProbeBundle(text)).toThrow(message);
  });

  it("turns a truncated real bundle into an error, never a half sample", () => {
    const full = readFixture("bundles", "localhost-6x.txt");
    expect(() => parseProbeBundle(full.slice(0, Math.floor(full.length / 2)))).toThrow(/truncated/);
  });

  it("records the probe's non-fatal problems by section", () => {
    const s = parseProbeBundle(
      "@@twscope-probe 1\n@@sockstat6\n! missing /proc/net/sockstat6\n@@sockstat\nTCP: inuse 1 orphan 0 tw 3 alloc 1 mem 0\n@@end\n",
    );
    expect(s.problems).toEqual(["sockstat6: missing /proc/net/sockstat6"]);
    expect(s.sockstat.tcp6Inuse).toBeNull();
    expect(s.sockstat.tcpTw).toBe(3);
  });
});

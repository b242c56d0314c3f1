import { describe, expect, it } from "vitest";
import { parseCounterPairs } from "@/lib/bundle/parse-counters";
import { parseProtoLine } from "@/lib/bundle/parse-sockstat";
import { parseSysctlLines } from "@/lib/bundle/parse-sysctls";

describe("parseCounterPairs()", () => {
  it("pairs each header name with the value in the same column", () => {
    const out = parseCounterPairs(["TcpExt: TW TWRecycled TCPTimeWaitOverflow", "TcpExt: 10 2 7"]);
    expect(out).toEqual({ "TcpExt.TW": 10, "TcpExt.TWRecycled": 2, "TcpExt.TCPTimeWaitOverflow": 7 });
  });

  it("reads several groups and skips a pair whose groups differ", () => {
    const out = parseCounterPairs(["Tcp: ActiveOpens CurrEstab", "Tcp: 5 3", "TcpExt: TW", "IpExt: 9"]);
    expect(out).toEqual({ "Tcp.ActiveOpens": 5, "Tcp.CurrEstab": 3 });
  });

  it("keeps negative values such as MaxConn -1", () => {
    expect(parseCounterPairs(["Tcp: MaxConn", "Tcp: -1"])).toEqual({ "Tcp.MaxConn": -1 });
  });
});

describe("parseProtoLine()", () => {
  it("reads tw from the TCP line of sockstat", () => {
    expect(parseProtoLine(["sockets: used 9", "TCP: inuse 4 orphan 0 tw 812 alloc 6 mem 2"], "TCP").tw).toBe(812);
  });
  it("does not confuse TCP6 with TCP", () => {
    expect(parseProtoLine(["TCP6: inuse 4"], "TCP")).toEqual({});
  });
});

describe("parseSysctlLines()", () => {
  it("normalises tabs and slashes the way sysctl prints names and values", () => {
    expect(parseSysctlLines(["net/ipv4/ip_local_port_range = 32768\t60999", "bogus line", "net.core.somaxconn=4096"])).toEqual({
      "net.ipv4.ip_local_port_range": "32768 60999",
      "net.core.somaxconn": "4096",
    });
  });
});

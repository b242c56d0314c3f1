import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { analysisData, renderAnalysis, type StoredAnalysis } from "@/lib/advice/report";
import { RULES } from "@/lib/advice/rules";
import { defaultOf, riskOf } from "@/lib/advice/sysctl-facts";
import { TIME_WAIT_COUNTERS } from "@/lib/counter-meanings";
import type { Finding } from "@/lib/advice/types";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { parsePlainBundle } from "@/lib/bundle/plain/parse-plain-bundle";
import { renderText } from "@/lib/i18n/message";
import { computeRates, ratesOrNull, readingOf } from "@/lib/sample/rates";
import { summarizeSample } from "@/lib/sample/summary";
import type { HostSample, SampleRates } from "@/lib/types";
import { searchableText, storedTextColumn, storedTextOf } from "@/server/db/stored-text";
import { renderFinding } from "../../support/advice";
import { fixturePath, readFixture } from "../../support/fixtures";
import { chinese, english } from "../../support/i18n";

const CJK = /[\u4e00-\u9fff]/;
const parse = (...p: string[]) => parseProbeBundle(readFixture("bundles", ...p));
const base = () => parse("localhost-6x.txt");

/** A 6.x sample with every setting and group a rule judges gone wrong, so that every rule speaks. */
function everythingWrong(): HostSample {
  const s = base();
  Object.assign(s.sysctls, {
    "net.ipv4.tcp_tw_reuse": "1",
    "net.ipv4.tcp_timestamps": "0",
    "net.ipv4.tcp_fin_timeout": "20",
    "net.ipv4.tcp_max_tw_buckets": "3000",
    "net.ipv4.ip_local_port_range": "40000 40998",
    "net.ipv4.tcp_tw_reuse_delay": "1000",
    "net.netfilter.nf_conntrack_count": "252000",
  });
  s.listeningPorts = [40100, 40200];
  s.sockstat.tcpTw = 2900;
  Object.assign(s.timeWait, {
    total: 2900,
    server: 900,
    client: 2000,
    serverPorts: 1,
    clientPeers: 2,
    byListeningPort: [{ port: 443, count: 900, listening: true }],
    byPeer: [
      { peer: "10.0.0.5:5432", count: 900 },
      { peer: "10.0.0.9:8080", count: 1100 },
    ],
  });
  s.counters["TcpExt.TCPTimeWaitOverflow"] = 12;
  s.conntrack = {
    entries: 200_000,
    tcp: 190_000,
    timeWait: 150_000,
    readAt: null,
    truncated: true,
    insertFailed: 3,
    drop: 1,
    earlyDrop: 0,
  };
  s.owners = {
    hiddenProcesses: 2,
    asRoot: false,
    lookedAt: null,
    users: { 33: "www-data" },
    byPort: { 443: { uid: 33, sockets: 1, processes: 4, shown: [{ pid: 812, uid: 33, command: "nginx" }] } },
    byPeer: { "10.0.0.5:5432": { uid: 1000, sockets: 3, processes: 0, shown: [] } },
  };
  s.configuredSysctls = [
    { file: "/etc/sysctl.d/60-tw.conf", line: 1, key: "net.ipv4.tcp_max_tw_buckets", value: "2000" },
    { file: "/etc/sysctl.d/60-tw.conf", line: 2, key: "net.ipv4.tcp_fin_timeout", value: "10" },
    { file: "/etc/sysctl.d/60-tw.conf", line: 3, key: "net.ipv4.ip_local_port_range", value: "40000 41000" },
    { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_tw_recycle", value: "1" },
    { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_timestamps", value: "1" },
  ];
  return s;
}

/** Every captured bundle alone and after its earlier one, the crafted sample, and an input without a count. */
function samples(): [string, HostSample, SampleRates | null][] {
  const lab = fs.readdirSync(fixturePath("bundles", "lab")).map((f) => ["lab", f]);
  const top = fs
    .readdirSync(fixturePath("bundles"))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => [f]);
  const out: [string, HostSample, SampleRates | null][] = [...top, ...lab].map((p) => [path.join(...p), parse(...p), null]);
  for (const [, f] of lab.filter(([, f]) => f!.includes(".later.")))
    out.push([
      `${f} after`,
      parse("lab", f!),
      ratesOrNull(computeRates(readingOf(parse("lab", f!.replace(".later", "")), 0), readingOf(parse("lab", f!), 15_000))),
    ]);
  const blind = base();
  blind.sockstat.tcpTw = null;
  blind.timeWait = { ...blind.timeWait, total: 0, byPeer: [], byListeningPort: [] };
  blind.kernel = null;
  const churn = base();
  churn.timeWait = { ...churn.timeWait, total: 5000, client: 5000, clientPeers: 1, byPeer: [{ peer: "10.0.0.7:443", count: 5000 }] };
  const shown = [
    { pid: 2211, uid: 1000, command: "python3" },
    { pid: 2212, uid: null, command: "curl" },
  ];
  const peerOwner = { uid: 1000, sockets: 3, processes: 5, shown };
  churn.owners = { hiddenProcesses: 0, asRoot: true, lookedAt: null, users: {}, byPort: {}, byPeer: { "10.0.0.7:443": peerOwner } };
  const serverSide = base();
  serverSide.sysctls["net.ipv4.tcp_tw_reuse"] = "1";
  serverSide.timeWait = {
    ...serverSide.timeWait,
    total: 400,
    server: 400,
    client: 0,
    byListeningPort: [{ port: 443, count: 400 }],
    byPeer: [],
  };
  const withPod = base();
  const pod = {
    inode: 4026532,
    pid: 812,
    processes: 3,
    name: "web-5d8f7",
    hostname: "web-5d8f7",
    cgroup: null,
    container: { runtime: "kubernetes", id: "3f2a" },
    command: "nginx",
    states: {},
    timeWait: { ...churn.timeWait },
    sysctls: { "net.ipv4.tcp_fin_timeout": "30" },
    owners: { byPort: {}, byPeer: {} },
    problems: [],
  };
  withPod.namespaces = { self: 1, hiddenProcesses: 0, total: 1, users: {}, shown: [pod] } as unknown as HostSample["namespaces"];
  out.push(["with a pod", withPod, null]);
  out.push(
    ["everything wrong", everythingWrong(), null],
    ["no count", blind, null],
    ["churn", churn, null],
    ["server side", serverSide, null],
  );
  return out;
}

const findings = samples().flatMap(([name, s, rates]) => analyzeSample(s, rates).findings.map((f) => [name, f] as [string, Finding]));

describe("the advisor in both languages", () => {
  it("has every rule speak on some sample", () => {
    const spoke = new Set(findings.map(([, f]) => f.ruleId));
    for (const r of RULES) expect(spoke, r.id).toContain(r.id);
    expect(findings.some(([, f]) => f.namespace)).toBe(true);
  });

  it.each(findings.map(([name, f]) => [`${name}: ${f.ruleId}`, f] as const))(
    "%s renders in English and Chinese from the same data",
    (_n, f) => {
      const stored = JSON.parse(JSON.stringify(f)) as Finding;
      const en = renderFinding(stored, english);
      const zh = renderFinding(stored, chinese);
      expect(en.title).not.toMatch(CJK);
      expect(zh.title).toMatch(CJK);
      for (const line of [...en.evidence, ...en.remedies.map((r) => r.why)]) expect(line).not.toMatch(CJK);
      for (const [i, line] of zh.evidence.entries()) expect(line, en.evidence[i]).not.toBe(en.evidence[i]);
      for (const text of [zh.title, ...zh.evidence, ...zh.remedies.map((r) => r.why)]) expect(text).not.toMatch(/advice\.|\{|\}/);
    },
  );

  it("names every rule and coverage check in both languages", () => {
    for (const r of RULES) for (const t of [english, chinese]) expect(renderText(t, r.description).length).toBeGreaterThan(20);
    for (const c of analyzeSample(everythingWrong()).coverage) expect(renderText(chinese, c.check)).toMatch(/[\u4e00-\u9fff]|sysctl/);
  });

  it("knows every key the advisor's code names literally", () => {
    const keys = new Set<string>();
    const dir = path.join(process.cwd(), "lib", "advice");
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts"));
    for (const f of files.filter((f) => f !== "render-text.ts"))
      for (const m of fs.readFileSync(path.join(dir, f), "utf8").matchAll(/say\("([\w.-]+)"/g)) keys.add(`advice.${m[1]}`);
    expect(keys.size).toBeGreaterThan(100);
    for (const key of keys) for (const t of [english, chinese]) expect(t.has(key), key).toBe(true);
  });
});

describe("a stored analysis", () => {
  const sample = parse("lab", "client-port-exhaustion.txt");
  const stored = JSON.parse(JSON.stringify(analysisData(sample, analyzeSample(sample)))) as StoredAnalysis;

  it("taken by anyone reads in the viewer's language, peer and numbers kept", () => {
    const zh = renderAnalysis(stored, chinese);
    expect(zh.findings[0]!.title).toBe("访问 198.18.0.10:8080 的本地端口已耗尽");
    expect(zh.findings[0]!.evidence[0]).toMatch(/^发往 198\.18\.0\.10:8080 的 TIME_WAIT 有 1,000 个/);
    expect(zh.coverage[0]!.check).toBe("TIME_WAIT 计数");
    expect(renderAnalysis(stored, english).findings[0]!.title).toBe("Local ports to 198.18.0.10:8080 exhausted");
  });

  it("stored before findings were data (English strings, remedy titles) still renders", () => {
    const legacy = renderAnalysis(stored, english) as unknown as StoredAnalysis;
    const again = renderAnalysis(legacy, chinese);
    expect(again.findings[0]!.title).toBe("Local ports to 198.18.0.10:8080 exhausted");
    expect(again.findings[0]!.evidence).toEqual(renderAnalysis(stored, english).findings[0]!.evidence);
    expect(again.findings[0]!.remedies[0]!.title.length).toBeGreaterThan(10);
  });
});

describe("a fleet summary's finding titles", () => {
  const summary = summarizeSample(parse("lab", "web-active-close.txt"), null);
  const title = summary.findings[0]!.title;

  it("go through a TEXT column and come back as the message", () => {
    expect(storedTextOf(storedTextColumn(title))).toEqual(title);
    expect(storedTextOf("The server on port 80 closes connections first")).toBe("The server on port 80 closes connections first");
    expect(renderText(chinese, storedTextOf(storedTextColumn(title)))).toBe("端口 80 上的服务主动关闭连接");
  });

  it("are searchable in every language", () => {
    const text = searchableText(title);
    expect(text).toContain("The server on port 80 closes connections first");
    expect(text).toContain("端口 80 上的服务主动关闭连接");
  });
});

describe("the settings table's and the counters' words", () => {
  it("say why a value is risky, and what a default depends on, in both languages", () => {
    const risky = riskOf("net.ipv4.tcp_tw_recycle", "1", {})!;
    expect(renderText(english, risky)).toBe("drops connections from clients behind NAT");
    expect(renderText(chinese, risky)).toMatch(CJK);
    expect(renderText(chinese, defaultOf("net.ipv4.tcp_max_tw_buckets", null))).toMatch(CJK);
    expect(defaultOf("net.ipv4.tcp_fin_timeout", null)).toBe("60");
  });

  it("say what each TIME_WAIT counter counts in both languages", () => {
    for (const c of TIME_WAIT_COUNTERS)
      for (const text of [c.meaning, c.rateLabel]) expect(renderText(chinese, text)).not.toBe(renderText(english, text));
  });
});

describe("what an input lacks", () => {
  it("is said in both languages", () => {
    const { missing } = parsePlainBundle(readFixture("plain", "netns-netstat.txt"));
    const lacks = missing.map((m) => [renderText(english, m), renderText(chinese, m)]);
    expect(lacks).toContainEqual(["no sysctl values (sysctl -a)", "没有 sysctl 值（sysctl -a）"]);
    for (const [en, zh] of lacks) expect(zh, en).toMatch(CJK);
  });
});

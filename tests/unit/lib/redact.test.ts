import { describe, expect, it } from "vitest";
import { createRedactor, ipKey, redactPayload } from "@/lib/redact/redact";
import { scrubErrorMessage } from "@/lib/redact/redact-error";
import { downsampleSeries } from "@/lib/snapshot/downsample";
import type { BreakdownSeriesDto, HostDetailDto, SeriesPointDto } from "@/lib/dto";
import { freezeDraft, hostSnapshotDraft } from "@/lib/snapshot/payload";
import type { HostSnapshotPayload } from "@/lib/snapshot/types";

describe("redactPayload()", () => {
  it("replaces an IPv4 address in evidence, titles and table keys by one pseudonym", () => {
    const out = redactPayload({
      title: "Local ports to 198.18.0.10:8080 exhausted",
      evidence: ["1,000 TIME_WAIT to 198.18.0.10:8080 = 100% of the 1,000-port range"],
      byPeer: [
        { peer: "198.18.0.10:8080", count: 1000 },
        { peer: "10.0.0.7:5432", count: 3 },
      ],
      byKey: { "10.0.0.7": 1 },
    });
    expect(JSON.stringify(out)).not.toMatch(/198\.18\.0\.10|10\.0\.0\.7/);
    expect(out.title).toBe("Local ports to host-A:8080 exhausted");
    expect(out.evidence[0]).toBe("1,000 TIME_WAIT to host-A:8080 = 100% of the 1,000-port range");
    expect(out.byPeer.map((g) => g.peer)).toEqual(["host-A:8080", "host-B:5432"]);
    expect(out.byKey).toEqual({ "host-B": 1 });
  });

  it("gives a ::ffff:-mapped address the pseudonym of its IPv4 form, and one IPv6 address one pseudonym however it is written", () => {
    const out = redactPayload([
      "198.18.0.10",
      "[::ffff:198.18.0.10]:80",
      "::FFFF:198.18.0.10",
      "[2001:db8::1]:443",
      "2001:0DB8:0:0:0:0:0:1",
      "fe80::1%eth0 answered",
      "[2001:db8::2]:443",
    ]);
    expect(out).toEqual(["host-A", "[host-A]:80", "host-A", "[host-B]:443", "host-B", "host-C answered", "[host-D]:443"]);
  });

  it("replaces known host names, longest first and whole names only", () => {
    const out = redactPayload(
      ["db.internal:5432", "DB.Internal", "db.internal.example.com", "mydb.internal", "db.internal-2", "db.internal."],
      ["db.internal", "db.internal.example.com"],
    );
    expect(out).toEqual(["host-A:5432", "host-A", "host-B", "mydb.internal", "db.internal-2", "host-A."]);
  });

  it("leaves numbers that are not addresses alone: times, versions, sysctl values, port ranges", () => {
    const text = [
      "12:55:58",
      "6.18.44-fc-v782",
      "1.2.3.4.5",
      "999.1.1.1",
      "ip_local_port_range = 40000 40999: 1,000 ports",
      "tcp_rmem 4096 131072 6291456",
      "SHA256:abc",
      "dead:beef:cafe",
      "net.ipv4.tcp_tw_reuse",
      "std::vector",
    ];
    expect(redactPayload(text)).toEqual(text);
  });

  it("hides IPv4 addresses embedded in names and in /proc/net/tcp hex, with the dotted form's pseudonym", () => {
    const out = redactPayload([
      "10.20.30.45",
      "ip-10-20-30-45.ec2.internal",
      "10-20-30-45.default.pod.cluster.local",
      "2D1E140A:1F90",
      "0000000000000000FFFF00002D1E140A:0050",
      "00000000000000000000000001000000:0016",
      "::1",
    ]);
    expect(out).toEqual([
      "host-A",
      "host-A.ec2.internal",
      "host-A.default.pod.cluster.local",
      "host-A:1F90",
      "host-A:0050",
      "host-B:0016",
      "host-B",
    ]);
  });

  it("leaves dashed numbers that are not addresses alone: dates, versions, longer runs", () => {
    const text = ["2026-12-01", "6.18-1-2-3", "1-2-3-4-5", "v1-2-3-4", "300-1-1-1"];
    expect(redactPayload(text)).toEqual(text);
  });

  it("keeps numbers, booleans and nulls as they are", () => {
    expect(redactPayload({ a: 1, b: null, c: true, d: [2.5] })).toEqual({ a: 1, b: null, c: true, d: [2.5] });
  });

  it("uses one mapping for all strings of one redactor, and a fresh one per redactor", () => {
    const one = createRedactor();
    expect([one.text("10.1.1.1"), one.text("10.2.2.2"), one.text("to 10.1.1.1")]).toEqual(["host-A", "host-B", "to host-A"]);
    expect(createRedactor().text("10.2.2.2")).toBe("host-A");
  });

  it("counts pseudonyms on past Z", () => {
    const r = createRedactor();
    const names = Array.from({ length: 28 }, (_, i) => r.text(`10.0.${i}.1`));
    expect(names.slice(24)).toEqual(["host-Y", "host-Z", "host-AA", "host-AB"]);
  });
});

describe("ipKey()", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    ["::ffff:10.0.0.1", "10.0.0.1"],
    ["0:0:0:0:0:ffff:a00:1", "10.0.0.1"],
    ["2001:DB8::0:1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
    ["256.0.0.1", null],
    ["12:30:45", null],
    ["1:2:3:4:5:6:7:8:9", null],
    ["host", null],
  ])("%s → %s", (input, key) => {
    expect(ipKey(input)).toBe(key);
  });
});

describe("scrubErrorMessage()", () => {
  it("removes paths, the SSH user and the passphrase variable", () => {
    const msg = "cannot read /home/ops/.ssh/id_ed25519 for ops (passphrase from TW_PASS): ENOENT, also ~/.ssh/other";
    expect(scrubErrorMessage(msg, { username: "ops", keyPath: "/home/ops/.ssh/id_ed25519", passphraseEnv: "TW_PASS" })).toBe(
      "cannot read <path> for <user> (passphrase from <env>): ENOENT, also <path>",
    );
  });

  it("keeps messages without paths", () => {
    expect(scrubErrorMessage("All configured authentication methods failed")).toBe("All configured authentication methods failed");
  });
});

describe("downsampleSeries()", () => {
  const point = (i: number, tw: number): SeriesPointDto => ({
    t: i * 1000,
    tw,
    twMin: tw,
    twMax: tw,
    estab: 10,
    twServer: tw,
    twClient: 0,
    twRate: i,
    overflowRate: null,
    reuseRate: 0,
    activeOpensRate: 1,
  });

  it("merges 1,000 points into at most 500, keeping a one-sample spike in twMax", () => {
    const points = Array.from({ length: 1000 }, (_, i) => point(i, i === 777 ? 50_000 : 100));
    const out = downsampleSeries(points);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(Math.max(...out.map((p) => p.twMax ?? 0))).toBe(50_000);
    expect(Math.max(...out.map((p) => p.tw ?? 0))).toBeLessThan(50_000);
    expect(out[0]).toMatchObject({ t: 0, tw: 100, twMin: 100, estab: 10, twRate: 0.5, overflowRate: null });
  });

  it("returns short series unchanged", () => {
    const points = [point(0, 1), point(1, 2)];
    expect(downsampleSeries(points)).toEqual(points);
  });
});

describe("a redacted host snapshot with TIME_WAIT history per destination", () => {
  const breakdown = (kind: "port" | "peer", keys: string[]): BreakdownSeriesDto => ({
    hostId: 3,
    range: "1h",
    kind,
    source: "raw",
    from: 0,
    to: 3_600_000,
    keptPerSample: 10,
    keys: keys.map((key, i) => ({ key, peak: 100 - i, points: [{ t: 1000, avg: 90 - i, min: 80 - i, max: 100 - i }] })),
  });
  const detail = {
    name: "web-1",
    status: "ok",
    transport: "ssh",
    address: "10.9.9.9",
    port: 22,
    username: "ops",
    keyPath: null,
    passphraseEnv: null,
    lastPollAt: 1000,
    lastError: null,
    current: null,
    analysis: null,
    latest: {
      at: 1000,
      kernel: "6.1.0",
      sysctls: {},
      missingSysctls: [],
      configuredSysctls: [],
      timeWait: {
        total: 130,
        server: 30,
        client: 100,
        serverPorts: 1,
        clientPeers: 1,
        byListeningPort: [{ port: 443, count: 30 }],
        byPeer: [{ peer: "198.18.0.10:8080", count: 100 }],
      },
    },
  } as unknown as HostDetailDto;
  const series = { hostId: 3, range: "1h", source: "raw" as const, from: 0, to: 3_600_000, points: [], gaps: [], events: [] };
  const peers = breakdown("peer", ["198.18.0.10:8080", "[2001:db8::7]:443", "db.internal:5432"]);

  it("pseudonymises every destination of the history, as in the tables, and keeps ports and counts", () => {
    const { payload } = freezeDraft(hostSnapshotDraft(detail, series, { port: breakdown("port", ["443"]), peer: peers }), true);
    const { breakdowns, host } = payload as HostSnapshotPayload;
    expect(JSON.stringify(payload)).not.toMatch(/198\.18\.0\.10|2001:db8|db\.internal|10\.9\.9\.9/);
    const tableName = host.latest!.timeWait.byPeer[0]!.peer;
    expect(tableName).toMatch(/^host-[A-Z]+:8080$/);
    expect(breakdowns!.peer.keys.map((k) => k.key)).toEqual([
      tableName,
      expect.stringMatching(/^\[host-[A-Z]+\]:443$/),
      expect.stringMatching(/^host-[A-Z]+:5432$/),
    ]);
    expect(breakdowns!.port.keys[0]).toEqual({ key: "443", peak: 100, points: [{ t: 1000, avg: 90, min: 80, max: 100 }] });
  });

  it("leaves the history out of a snapshot taken without it, so older payloads keep their shape", () => {
    const { payload } = freezeDraft(hostSnapshotDraft(detail, series), true);
    expect(payload).not.toHaveProperty("breakdowns");
  });
});

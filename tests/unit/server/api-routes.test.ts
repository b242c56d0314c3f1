import os from "node:os";
import { describe, expect, it } from "vitest";
import * as hostsRoute from "@/app/api/hosts/route";
import * as hostRoute from "@/app/api/hosts/[id]/route";
import * as seriesRoute from "@/app/api/hosts/[id]/series/route";
import * as trustRoute from "@/app/api/hosts/[id]/trust/route";
import * as pollRoute from "@/app/api/hosts/[id]/poll/route";
import * as importRoute from "@/app/api/hosts/import/route";
import * as bundlesRoute from "@/app/api/bundles/route";
import * as fleetFindingsRoute from "@/app/api/fleet/findings/route";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { timeWaitNow } from "@/lib/sample/facts";
import { readFixture } from "../../support/fixtures";
import { sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-api-" });

// Every request below is an admin's; tests/unit/server/auth.test.ts covers who may call what.
const cookie = await sessionCookieFor(ctx, "admin");
class SignedInRequest extends Request {
  constructor(url: string, init: RequestInit = {}) {
    super(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
  }
}

const post = (body: string | object, url = "http://t/api/hosts", method = "POST") =>
  new SignedInRequest(url, {
    method,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
const routeOf = (id: string | number) => ({ params: Promise.resolve({ id: String(id) }) });
const VALID = { name: "web-1", address: "10.0.0.5", port: 22, username: "twscope", authMethod: "agent", tags: ["web"] };

describe("hosts API", () => {
  it("lists the seeded localhost", async () => {
    const body = await (await hostsRoute.GET(new SignedInRequest("http://t/api/hosts"), undefined)).json();
    expect(body.hosts.map((h: { name: string }) => h.name)).toEqual(["localhost"]);
  });

  it("creates a host with 201, not trusted until a fingerprint is pinned", async () => {
    const res = await hostsRoute.POST(post(VALID), undefined);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "web-1", status: "host-key-unknown", hostKeyFingerprint: null });
  });

  it.each([
    ["not JSON", "{name:", 400, "invalid_json"],
    ["a wrong type", { ...VALID, name: "x2", port: "eighty" }, 400, "invalid_input"],
    ["a shell metacharacter in the address", { ...VALID, name: "x3", address: "a;rm -rf /" }, 400, "invalid_input"],
    ["key auth without a key path", { ...VALID, name: "x4", authMethod: "key" }, 400, "invalid_input"],
    ["a malformed fingerprint", { ...VALID, name: "x5", hostKeyFingerprint: "MD5:aa" }, 400, "invalid_input"],
    ["a duplicate name", VALID, 409, "conflict"],
    ["a body over 1 MiB", JSON.stringify({ ...VALID, name: "x6", pad: "x".repeat(1_100_000) }), 413, "too_large"],
  ])("rejects %s", async (_what, body, status, code) => {
    const res = await hostsRoute.POST(post(body as object), undefined);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });

  it("names the invalid field", async () => {
    const res = await hostsRoute.POST(post({ ...VALID, name: "x7", port: 70000 }), undefined);
    expect((await res.json()).error.details).toEqual([expect.objectContaining({ path: "port" })]);
  });

  it("answers 404 for unknown and non-numeric ids", async () => {
    expect((await hostRoute.GET(new SignedInRequest("http://t"), routeOf(9999))).status).toBe(404);
    expect((await hostRoute.GET(new SignedInRequest("http://t"), routeOf("abc"))).status).toBe(404);
    expect((await seriesRoute.GET(new SignedInRequest("http://t/api/hosts/9999/series"), routeOf(9999))).status).toBe(404);
  });

  it("rejects an unknown series range", async () => {
    expect((await seriesRoute.GET(new SignedInRequest("http://t/api/hosts/1/series?range=1y"), routeOf(1))).status).toBe(400);
  });

  it("edits and deletes a host, rejecting unknown fields", async () => {
    const list = await (await hostsRoute.GET(new SignedInRequest("http://t"), undefined)).json();
    const id = list.hosts.find((h: { name: string }) => h.name === "web-1").id;
    const patched = await hostRoute.PATCH(post({ tags: ["web", "prod"], port: 2222 }, "http://t", "PATCH"), routeOf(id));
    expect(await patched.json()).toMatchObject({ tags: ["web", "prod"], port: 2222 });
    expect((await hostRoute.PATCH(post({ hostKeyFingerprint: "SHA256:x" }, "http://t", "PATCH"), routeOf(id))).status).toBe(400);
    expect((await hostRoute.DELETE(new SignedInRequest("http://t", { method: "DELETE" }), routeOf(id))).status).toBe(204);
    expect((await hostRoute.GET(new SignedInRequest("http://t"), routeOf(id))).status).toBe(404);
  });

  // Whatever creation refuses, an edit refuses too (one schema per field).
  const BAD_FIELDS: [string, Record<string, unknown>][] = [
    ["HTML in the user name", { username: "<img src=x onerror=alert(1)>" }],
    ["NUL in the user name", { username: "ops\u0000root" }],
    ["CR/LF in the user name", { username: "ops\r\nroot" }],
    ["U+202E in the user name", { username: "ops\u202Etoor" }],
    ["a shell metacharacter in the address", { address: "a;rm -rf /" }],
    ["a port out of range", { port: 70000 }],
    ["a control character in the key path", { keyPath: "/keys/k\n/etc/shadow" }],
    ["a bad passphrase variable", { passphraseEnv: "lower-case" }],
    ["a bad tag", { tags: ["<b>"] }],
  ];

  it.each(BAD_FIELDS)("refuses %s on create and on edit alike", async (_what, bad) => {
    const created = await hostsRoute.POST(post({ ...VALID, name: `bad-${Math.random().toString(36).slice(2, 8)}`, ...bad }), undefined);
    expect(created.status).toBe(400);
    const list = await (await hostsRoute.GET(new SignedInRequest("http://t"), undefined)).json();
    const id = list.hosts.find((h: { name: string }) => h.name === "localhost").id;
    const patched = await hostRoute.PATCH(post(bad, "http://t", "PATCH"), routeOf(id));
    expect(patched.status).toBe(400);
    expect((await patched.json()).error.details[0].path.split(".")[0]).toBe(Object.keys(bad)[0]);
  });

  it("queues a manual poll, then answers 429 with Retry-After to the next one within seconds", async () => {
    const created = await (await hostsRoute.POST(post({ ...VALID, name: "poll-me" }), undefined)).json();
    const first = await pollRoute.POST(post({}, "http://t", "POST"), routeOf(created.id));
    expect(await first.json()).toEqual({ queued: true });
    const second = await pollRoute.POST(post({}, "http://t", "POST"), routeOf(created.id));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses to trust a fingerprint the host did not present", async () => {
    const created = await (await hostsRoute.POST(post({ ...VALID, name: "web-2" }), undefined)).json();
    const res = await trustRoute.POST(post({ fingerprint: `SHA256:${"A".repeat(43)}` }), routeOf(created.id));
    expect(res.status).toBe(409);
  });

  it("imports Host blocks of an OpenSSH config and reports the ones it skips", async () => {
    const config = "Host db-1 db-2\n  HostName 10.1.0.9\n  User ops\n  IdentityFile ~/.ssh/k\nHost nouser\nHost web-2\n  User x\n";
    const res = await importRoute.POST(post({ config }), undefined);
    const body = await res.json();
    expect(body.created.map((h: { name: string }) => h.name)).toEqual(["db-1", "db-2"]);
    expect(body.created[0]).toMatchObject({
      address: "10.1.0.9",
      username: "ops",
      status: "host-key-unknown",
      keyPath: `${os.homedir()}/.ssh/k`,
    });
    // Reasons are data, worded where the result is shown.
    expect(body.skipped).toEqual([
      { name: "nouser", reason: { key: "hostForms.sshConfig.reasons.noUser" } },
      { name: "web-2", reason: { key: "hostForms.sshConfig.reasons.nameTaken" } },
    ]);
  });
});

describe("bundles API and fleet findings", () => {
  const upload = (name: string, text: string) => bundlesRoute.POST(post({ name, text }, "http://t/api/bundles"), undefined);

  it("creates a bundle host from a pasted probe bundle and returns its analysis", async () => {
    const res = await upload("exhausted-client", readFixture("bundles", "lab", "client-port-exhaustion.txt"));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.host).toMatchObject({
      name: "exhausted-client",
      transport: "bundle",
      status: "ok",
      worst: { ruleId: "client-port-exhaustion", severity: "critical" },
    });
    expect(body.analysis.findings[0].evidence[0]).toMatch(/= 100% of the 1,000-port range/);
  });

  it("adds a second sample to the same host and computes rates between the two", async () => {
    await upload("overflowing", readFixture("bundles", "lab", "tw-bucket-overflow.txt"));
    const body = await (await upload("overflowing", readFixture("bundles", "lab", "tw-bucket-overflow.later.txt"))).json();
    expect(body.analysis.findings[0].evidence[1]).toMatch(/^TCPTimeWaitOverflow rising at/);
    const detail = await (await hostRoute.GET(new SignedInRequest("http://t"), routeOf(body.host.id))).json();
    expect(detail.analysis.findings[0].ruleId).toBe("tw-buckets-overflow");
  });

  it("lists each host as of its newest sample, with no connection settings", async () => {
    const { hosts } = await (await hostsRoute.GET(new SignedInRequest("http://t/api/hosts"), undefined)).json();
    const later = parseAnyBundle(readFixture("bundles", "lab", "tw-bucket-overflow.later.txt")).sample;
    const row = hosts.find((h: { name: string }) => h.name === "overflowing");
    expect(row).toMatchObject({
      transport: "bundle",
      worst: { ruleId: "tw-buckets-overflow", severity: "critical" },
      current: { timeWait: timeWaitNow(later), kernel: later.kernel },
    });
    expect(row.sparkline).toHaveLength(60);
    expect(hosts.find((h: { name: string }) => h.name === "web-2")).toMatchObject({ current: null, worst: null, sparkline: [] });
    for (const h of hosts) {
      expect(Object.keys(h).sort()).toEqual([
        "address",
        "collector",
        "current",
        "id",
        "lastError",
        "lastPollAt",
        "name",
        "noCollector",
        "port",
        "sparkline",
        "status",
        "tags",
        "transport",
        "username",
        "worst",
        "zone",
      ]);
    }
  });

  it("sends the poll interval beside the fleet rows and on a host, so the browser can judge their age", async () => {
    const fleet = await (await hostsRoute.GET(new SignedInRequest("http://t/api/hosts"), undefined)).json();
    expect(fleet.pollIntervalMs).toBe(15_000);
    const id = fleet.hosts.find((h: { name: string }) => h.name === "overflowing").id;
    expect((await (await hostRoute.GET(new SignedInRequest("http://t"), routeOf(id))).json()).pollIntervalMs).toBe(15_000);
  });

  it("takes a raw text/plain body with ?name=", async () => {
    const req = new SignedInRequest("http://t/api/bundles?name=plain-host", {
      method: "POST",
      body: readFixture("plain", "netns-netstat.txt"),
      headers: { "content-type": "text/plain" },
    });
    const body = await (await bundlesRoute.POST(req, undefined)).json();
    expect(body.missing).toContain("no sysctl values (sysctl -a)");
  });

  it("rejects garbage with the parser's message and creates no host", async () => {
    const res = await upload("garbage-host", "Last login: yesterday\n$ ls\n");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/unusable: no recognised section/);
    const list = await (await hostsRoute.GET(new SignedInRequest("http://t"), undefined)).json();
    expect(list.hosts.some((h: { name: string }) => h.name === "garbage-host")).toBe(false);
  });

  it("refuses to mix bundles into a polled host", async () => {
    expect((await upload("localhost", readFixture("bundles", "lab", "upstream.txt"))).status).toBe(409);
  });

  it("counts how many hosts each finding affects", async () => {
    const body = await (await fleetFindingsRoute.GET(new SignedInRequest("http://t"), undefined)).json();
    const exhaustion = body.findings.find((f: { ruleId: string }) => f.ruleId === "client-port-exhaustion");
    expect(exhaustion).toMatchObject({ severity: "critical", hosts: [{ name: "exhausted-client", severity: "critical" }] });
    expect(body.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain("healthy");
    expect(body.findings[0].severity).toBe("critical");
  });
});

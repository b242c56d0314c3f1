import { beforeAll, describe, expect, it } from "vitest";
import * as snapshotsRoute from "@/app/api/snapshots/route";
import * as snapshotRoute from "@/app/api/snapshots/[id]/route";
import * as publicRoute from "@/app/api/s/[token]/route";
import * as hostRoute from "@/app/api/hosts/[id]/route";
import { importBundle } from "@/server/ingest/import-bundle";
import { SNAPSHOT_HEADERS } from "@/server/http/security-headers";
import { snapshotState as snapshotStatus } from "@/server/http/snapshot-gate";
import { deleteStaleSnapshots } from "@/server/db/snapshots";
import { hashToken, randomToken } from "@/server/auth/tokens";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import type { SampleRates } from "@/lib/types";
import { storeSample } from "@/server/ingest/record-sample";
import { recordPollStatus } from "@/server/db/hosts";
import { labBundleAt } from "../../support/fixtures";
import { chinese, english } from "../../support/i18n";
import { renderText } from "@/lib/i18n/message";
import { request, sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-snapshots-" });

const BASE = "http://t";
const DAY = 86_400_000;
// One outgoing connection a second, each leaving a TIME_WAIT socket; nothing else moving.
const ONE_CONNECTION_PER_SEC: SampleRates = {
  twPerSec: 1,
  twRecycledPerSec: 0,
  twKilledPerSec: 0,
  twOverflowPerSec: 0,
  pawsPassivePerSec: 0,
  activeOpensPerSec: 1,
  passiveOpensPerSec: 0,
  listenDropsPerSec: 0,
};
const { db } = ctx;

const admin = await sessionCookieFor(ctx, "admin", "snap-admin");
const alice = await sessionCookieFor(ctx, "viewer", "alice");
const bob = await sessionCookieFor(ctx, "viewer", "bob");

const create = (body: object, cookie?: string) => snapshotsRoute.POST(request(`${BASE}/api/snapshots`, { body, cookie }), undefined);
const createOk = async (body: object, cookie = alice) => {
  const res = await create(body, cookie);
  expect(res.status).toBe(201);
  return (await res.json()) as {
    id: number;
    token: string;
    url: string;
    title: string;
    createdAt: number;
    expiresAt: number;
    redacted: boolean;
  };
};
const list = async (cookie: string) =>
  (
    (await (await snapshotsRoute.GET(request(`${BASE}/api/snapshots`, { cookie }), undefined)).json()) as {
      snapshots: { id: number; creatorName: string; state: string }[];
    }
  ).snapshots;
const revoke = (id: number | string, cookie?: string) =>
  snapshotRoute.DELETE(request(`${BASE}/api/snapshots/${id}`, { method: "DELETE", cookie }), {
    params: Promise.resolve({ id: String(id) }),
  });
// Without a peer header every request here shares one rate-limit bucket (60 a minute): the file stays well below it.
const view = (token: string, headers: Record<string, string> = {}) =>
  publicRoute.GET(request(`${BASE}/api/s/${encodeURIComponent(token)}`, { headers }), { params: Promise.resolve({ token }) });
const row = async (id: number) => (await db.get("SELECT * FROM snapshots WHERE id = ?", [id])) as Record<string, unknown>;
/** Rows written since the connection opened (SQLite); on PostgreSQL, the next transaction id, which only a write moves. */
const totalChanges = async () =>
  db.engine === "sqlite"
    ? ((await db.get("SELECT total_changes() AS n")) as { n: number }).n
    : ((await db.get("SELECT txid_snapshot_xmax(txid_current_snapshot()) AS n")) as { n: number }).n;

let bundleHostId: number;
let sshHostId: number;

beforeAll(async () => {
  await importBundle(ctx, "exhausted", labBundleAt("client-port-exhaustion.txt", 120), "test");
  bundleHostId = (await importBundle(ctx, "exhausted", labBundleAt("client-port-exhaustion.later.txt", 113), "test")).host.id;
  // An SSH host with every kind of sensitive value: a DNS name, a user, a key path, a passphrase
  // variable, a pinned key, an error quoting paths and addresses, and peers in v4, mapped v4, v6 and by name.
  const now = Date.now();
  sshHostId = (await db.get<{ id: number }>(
    `
    INSERT INTO hosts (name, transport, address, port, username, auth_method, key_path, passphrase_env, tags, host_key_fingerprint, status, created_at, updated_at)
    VALUES ('edge-1', 'ssh', 'edge-1.corp.example', 2222, 'opsuser', 'key', '/home/opsuser/.ssh/id_ed25519', 'EDGE_KEY_PASS', '["edge"]', 'SHA256:${"Q".repeat(43)}', 'pending', ?, ?)
    RETURNING id`,
    [now, now],
  ))!.id;
  const { sample } = parseAnyBundle(labBundleAt("client-port-exhaustion.txt", 60));
  sample.timeWait.byPeer.push(
    { peer: "[2001:db8::7]:443", count: 5 },
    { peer: "cache.corp.example:6379", count: 4 },
    { peer: "[::ffff:203.0.113.9]:80", count: 3 },
  );
  await storeSample(db, {
    hostId: sshHostId,
    at: now - 60_000,
    sample,
    rates: ONE_CONNECTION_PER_SEC,
    bytes: 1,
    durationMs: 1,
  });
  await recordPollStatus(db, sshHostId, {
    status: "unreachable",
    error: "connect ECONNREFUSED 192.0.2.44:2222 as opsuser with /home/opsuser/.ssh/id_ed25519",
    at: now,
  });
});

const SECRETS = [
  "opsuser",
  "/home/",
  "id_ed25519",
  "EDGE_KEY_PASS",
  "SHA256:",
  "keyPath",
  "passphraseEnv",
  "storedSecret",
  "hostKeyFingerprint",
  "username",
];
const ADDRESSES = ["edge-1.corp.example", "cache.corp.example", "198.18.0.10", "192.0.2.44", "2001:db8::7", "203.0.113.9"];
const ANY_IPV4 = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d]|\.\d)/;

describe("creating a snapshot", () => {
  it("returns a 43-character URL-safe token once, and stores only its SHA-256", async () => {
    const a = await createOk({ kind: "host", hostId: bundleHostId, range: "1h" });
    const b = await createOk({ kind: "host", hostId: bundleHostId, range: "1h" });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.url).toBe(`/s/${a.token}`);
    const stored = await row(a.id);
    expect(stored.token_hash).toBe(hashToken(a.token));
    expect(JSON.stringify(stored)).not.toContain(a.token);
    expect(a.expiresAt - a.createdAt).toBe(7 * DAY);
  });

  it("freezes the host page: downsampled series of the range, breakdowns, sysctls, findings and who took it", async () => {
    const created = await createOk({ kind: "host", hostId: bundleHostId, range: "1h", expiresInDays: 30 });
    expect(created.expiresAt - created.createdAt).toBe(30 * DAY);
    const body = await (await view(created.token)).json();
    expect(body.meta).toMatchObject({
      kind: "host",
      title: "exhausted",
      creatorName: "alice",
      redacted: false,
      createdAt: created.createdAt,
    });
    expect(body.payload.series).toMatchObject({ range: "1h", source: "raw" });
    expect(body.payload.series.points.length).toBe(2);
    expect(body.payload.host.latest.timeWait.byPeer).toEqual([{ peer: "198.18.0.10:8080", count: 1000 }]);
    expect(body.payload.host.latest.sysctls["net.ipv4.ip_local_port_range"]).toMatch(/40000\s+40999/);
    expect(body.payload.host.analysis.findings[0]).toMatchObject({
      ruleId: "client-port-exhaustion",
      remedies: expect.arrayContaining([expect.objectContaining({ id: "connection-pooling" })]),
    });
  });

  it("copies no connection setting or secret, and scrubs paths and the user out of errors, even unredacted", async () => {
    const created = await createOk({ kind: "host", hostId: sshHostId, range: "1h" });
    const stored = String((await row(created.id)).payload);
    for (const secret of SECRETS) expect(stored, secret).not.toContain(secret);
    const host = JSON.parse(stored).host;
    expect(host.lastError).toBe("connect ECONNREFUSED 192.0.2.44:2222 as <user> with <path>");
    expect(host.address).toBe("edge-1.corp.example");
    // The minute since the last sample is a gap of missed polls, explained by the same scrubbed error.
    expect(JSON.parse(stored).series.gaps.map((g: { reason: unknown }) => g.reason)).toEqual([
      { beforeAdded: true },
      { status: "unreachable", message: "connect ECONNREFUSED 192.0.2.44:2222 as <user> with <path>" },
    ]);
  });

  it.each([
    ["an expiry over 90 days", { kind: "host", hostId: 1, range: "1h", expiresInDays: 91 }, 400],
    ["an expiry of 0 days", { kind: "fleet", expiresInDays: 0 }, 400],
    ["an unknown range", { kind: "host", hostId: 1, range: "1y" }, 400],
    ["a host without a range", { kind: "host", hostId: 1 }, 400],
    ["an unknown field", { kind: "fleet", never: true }, 400],
    ["an unknown host", { kind: "host", hostId: 999_999, range: "1h" }, 404],
  ])("refuses %s", async (_what, body, status) => {
    expect((await create(body, alice)).status).toBe(status);
  });

  it("needs a signed-in user", async () => {
    expect((await create({ kind: "fleet" })).status).toBe(401);
    expect((await snapshotsRoute.GET(request(`${BASE}/api/snapshots`), undefined)).status).toBe(401);
    expect((await revoke(1)).status).toBe(401);
  });
});

describe("redaction", () => {
  it("leaves no IP address, peer or host DNS name in the stored row or the public answer, with stable pseudonyms", async () => {
    const created = await createOk({ kind: "host", hostId: sshHostId, range: "1h", redact: true });
    const stored = await row(created.id);
    const answer = await (await view(created.token)).text();
    for (const text of [JSON.stringify(stored), answer]) {
      for (const original of ADDRESSES) expect(text, original).not.toContain(original);
      expect(text).not.toMatch(ANY_IPV4);
    }
    const { payload, meta } = JSON.parse(answer);
    expect(meta.redacted).toBe(true);
    const peers = payload.host.latest.timeWait.byPeer.map((g: { peer: string }) => g.peer);
    expect(peers).toEqual([
      expect.stringMatching(/^host-[A-Z]+:8080$/),
      expect.stringMatching(/^\[host-[A-Z]+\]:443$/),
      expect.stringMatching(/^host-[A-Z]+:6379$/),
      expect.stringMatching(/^\[host-[A-Z]+\]:80$/),
    ]);
    expect(new Set(peers.map((p: string) => p.replace(/[[\]]|:\d+$/g, ""))).size).toBe(4);
    const exhausted = peers[0].replace(/:8080$/, "");
    // Findings are kept as messages: the pseudonym is in their values, and they read in any language.
    expect(renderText(english, payload.host.analysis.findings[0].title)).toBe(`Local ports to ${exhausted}:8080 exhausted`);
    expect(renderText(english, payload.host.analysis.findings[0].evidence[0])).toContain(`to ${exhausted}:8080 =`);
    expect(renderText(chinese, payload.host.analysis.findings[0].title)).toBe(`访问 ${exhausted}:8080 的本地端口已耗尽`);
    expect(payload.host.address).toMatch(/^host-[A-Z]+$/);
    expect(payload.host.lastError).toMatch(/^connect ECONNREFUSED host-[A-Z]+:2222 as <user> with <path>$/);
  });

  it("redacts host addresses in a fleet snapshot and keeps display names", async () => {
    const created = await createOk({ kind: "fleet", redact: true });
    const answer = await (await view(created.token)).text();
    for (const original of ADDRESSES) expect(answer, original).not.toContain(original);
    expect(answer).not.toMatch(ANY_IPV4);
    const { payload } = JSON.parse(answer);
    expect(payload.hosts.find((h: { name: string }) => h.name === "edge-1")).toMatchObject({
      address: expect.stringMatching(/^host-[A-Z]+$/),
      port: 2222,
    });
    expect(
      payload.findings.find((f: { ruleId: string }) => f.ruleId === "client-port-exhaustion").hosts.map((h: { name: string }) => h.name),
    ).toEqual(["edge-1", "exhausted"]);
    for (const secret of SECRETS) expect(answer, secret).not.toContain(secret);
  });
});

describe("redaction of a fleet snapshot", () => {
  it("hides the peers that rows' worst findings quote, and addresses embedded in names and /proc hex", async () => {
    const now = Date.now();
    const id = (await db.get<{ id: number }>(
      `
      INSERT INTO hosts (name, transport, address, port, username, auth_method, tags, status, created_at, updated_at)
      VALUES ('app-7', 'ssh', '198.51.100.77', 22, 'ops', 'agent', '[]', 'pending', ?, ?)
      RETURNING id`,
      [now, now],
    ))!.id;
    const { sample } = parseAnyBundle(labBundleAt("client-port-exhaustion.txt", 30));
    sample.timeWait.byPeer[0] = { ...sample.timeWait.byPeer[0]!, peer: "db-primary.corp.internal:5432" };
    await storeSample(db, {
      hostId: id,
      at: now - 30_000,
      sample,
      rates: ONE_CONNECTION_PER_SEC,
      bytes: 1,
      durationMs: 1,
    });
    await recordPollStatus(db, id, {
      status: "unreachable",
      error: "no route to ip-10-20-30-45.ec2.internal via 10-20-30-46.pods.local (socket 2D1E140A:1F90)",
      at: now,
    });
    const plain = await (await view((await createOk({ kind: "fleet", redact: false })).token)).text();
    // Unredacted, the leak is there to be hidden: the worst finding quotes the peer by name.
    expect(renderText(english, JSON.parse(plain).payload.hosts[0].worst.title)).toBe(
      "Local ports to db-primary.corp.internal:5432 exhausted",
    );
    const answer = await (await view((await createOk({ kind: "fleet", redact: true })).token)).text();
    for (const leak of ["db-primary", "corp.internal", "10-20-30-45", "10-20-30-46", "2D1E140A", "198.51.100.77"])
      expect(answer, leak).not.toContain(leak);
    const app = JSON.parse(answer).payload.hosts.find((h: { name: string }) => h.name === "app-7");
    expect(renderText(english, app.worst.title)).toMatch(/^Local ports to host-[A-Z]+:5432 /);
    expect(app.lastError).toMatch(/^no route to host-[A-Z]+\.ec2\.internal via host-[A-Z]+\.pods\.local \(socket host-[A-Z]+:1F90\)$/);
    await db.run("DELETE FROM hosts WHERE id = ?", [id]);
  });
});

describe("limits on creating snapshots", () => {
  it("refuses a user's 61st snapshot within an hour with 429 and Retry-After, while others still share", async () => {
    const flood = await sessionCookieFor(ctx, "viewer", "flooder");
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await create({ kind: "host", hostId: bundleHostId, range: "15m" }, flood)).status);
    expect(statuses.slice(0, 60).every((st) => st === 201)).toBe(true);
    const refused = await create({ kind: "host", hostId: bundleHostId, range: "15m" }, flood);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await create({ kind: "host", hostId: bundleHostId, range: "15m" }, bob)).status).toBe(201);
  });
});

describe("the public JSON route", () => {
  it("answers 404 alike for unknown, malformed and revoked tokens, with the snapshot headers", async () => {
    const created = await createOk({ kind: "host", hostId: bundleHostId, range: "15m" });
    expect((await view(created.token)).status).toBe(200);
    expect((await revoke(created.id, alice)).status).toBe(204);
    for (const token of [created.token, randomToken(), "short", "../../etc/passwd", "x".repeat(600)]) {
      const res = await view(token);
      expect(res.status, token).toBe(404);
      for (const [name, value] of Object.entries(SNAPSHOT_HEADERS)) expect(res.headers.get(name)).toBe(value);
    }
    expect(await snapshotStatus(created.token)).toBe("unknown");
    expect(String((await row(created.id)).payload)).toBe("{}");
  });

  it("answers 410 once expired, and the status function agrees", async () => {
    const created = await createOk({ kind: "host", hostId: bundleHostId, range: "1h", expiresInDays: 1 });
    expect(await snapshotStatus(created.token)).toBe("live");
    await db.run("UPDATE snapshots SET expires_at = ? WHERE id = ?", [Date.now() - 1000, created.id]);
    const res = await view(created.token);
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe("expired");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await snapshotStatus(created.token)).toBe("expired");
  });

  it("sends no-referrer, noindex and no-store with a live snapshot", async () => {
    const created = await createOk({ kind: "fleet" });
    const res = await view(created.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-robots-tag")).toMatch(/^noindex/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("writes nothing when viewed but the client's count of the shared rate limit", async () => {
    const created = await createOk({ kind: "host", hostId: bundleHostId, range: "1h" });
    const before = await row(created.id);
    const count = async () =>
      (await db.get<{ hits: number }>("SELECT hits FROM rate_counters WHERE scope = 'share-link' AND key = 'unknown-peer'"))?.hits ?? 0;
    const [changes, hits] = [await totalChanges(), await count()];
    for (let i = 0; i < 3; i++) expect((await view(created.token)).status).toBe(200);
    expect(await snapshotStatus(created.token)).toBe("live");
    // One write per view: the request counted, in one statement.
    expect(await totalChanges()).toBe(changes + 3);
    expect(await count()).toBe(hits + 3);
    expect(await row(created.id)).toEqual(before);
  });

  it("still serves the frozen host after the host is renamed and then deleted", async () => {
    const host = (await importBundle(ctx, "short-lived", labBundleAt("tw-bucket-overflow.txt", 30), "test")).host;
    const created = await createOk({ kind: "host", hostId: host.id, range: "1h" });
    const first = await (await view(created.token)).json();
    const patch = await hostRoute.PATCH(
      request(`${BASE}/api/hosts/${host.id}`, { method: "PATCH", body: { name: "renamed" }, cookie: admin }),
      { params: Promise.resolve({ id: String(host.id) }) },
    );
    expect(patch.status).toBe(200);
    expect((await (await view(created.token)).json()).payload.host.name).toBe("short-lived");
    const del = await hostRoute.DELETE(request(`${BASE}/api/hosts/${host.id}`, { method: "DELETE", cookie: admin }), {
      params: Promise.resolve({ id: String(host.id) }),
    });
    expect(del.status).toBe(204);
    expect(await (await view(created.token)).json()).toEqual(first);
  });
});

describe("listing and revoking", () => {
  it("lists a viewer's own snapshots only, and everyone's with creators for an admin", async () => {
    const mine = await createOk({ kind: "fleet" }, alice);
    const theirs = await createOk({ kind: "fleet" }, bob);
    const aliceIds = (await list(alice)).map((s) => s.id);
    expect(aliceIds).toContain(mine.id);
    expect(aliceIds).not.toContain(theirs.id);
    expect((await list(bob)).every((s) => s.creatorName === "bob")).toBe(true);
    const all = await list(admin);
    expect(all.find((s) => s.id === mine.id)?.creatorName).toBe("alice");
    expect(all.find((s) => s.id === theirs.id)?.creatorName).toBe("bob");
    expect(JSON.stringify(all)).not.toMatch(/token|payload/);
  });

  it("lets nobody but the creator or an admin revoke, and audits the revocation", async () => {
    const created = await createOk({ kind: "fleet" }, alice);
    expect((await revoke(created.id, bob)).status).toBe(404);
    expect((await view(created.token)).status).toBe(200);
    expect((await revoke(created.id, admin)).status).toBe(204);
    expect((await view(created.token)).status).toBe(404);
    expect((await list(alice)).find((s) => s.id === created.id)?.state).toBe("revoked");
    const audit = await db.get("SELECT actor, target, details FROM audit_log WHERE action = 'snapshot.revoke' ORDER BY id DESC LIMIT 1");
    expect(audit).toEqual({ actor: "snap-admin", target: "Fleet", details: JSON.stringify({ id: created.id }) });
  });

  it("answers 404 for a revoke of an unknown or malformed id", async () => {
    expect((await revoke(987_654, admin)).status).toBe(404);
    expect((await revoke("abc", admin)).status).toBe(404);
  });

  it("deletes snapshots expired or revoked over the grace period, and keeps the rest", async () => {
    const old = await createOk({ kind: "fleet" });
    const recent = await createOk({ kind: "fleet" });
    const now = Date.now();
    await db.run("UPDATE snapshots SET expires_at = ? WHERE id = ?", [now - 31 * DAY, old.id]);
    await db.run("UPDATE snapshots SET expires_at = ? WHERE id = ?", [now - 29 * DAY, recent.id]);
    expect(await deleteStaleSnapshots(db, now)).toBeGreaterThanOrEqual(1);
    expect(await row(old.id)).toBeUndefined();
    expect(await row(recent.id)).toBeDefined();
  });
});

describe("limits", () => {
  it("answers 429 with Retry-After after 60 requests a minute from one client, and not to another client", async () => {
    const holder = globalThis as { __twscopePeerSecret?: string };
    holder.__twscopePeerSecret = "test-peer-secret";
    try {
      const created = await createOk({ kind: "fleet" });
      const from = (address: string) => ({ "x-twscope-peer": `test-peer-secret ${address}` });
      for (let i = 0; i < 60; i++) expect((await view(created.token, from("198.51.100.1"))).status).toBe(200);
      const limited = await view(created.token, from("198.51.100.1"));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers.get("cache-control")).toBe("no-store");
      expect((await view(created.token, from("198.51.100.2"))).status).toBe(200);
    } finally {
      delete holder.__twscopePeerSecret;
    }
  });

  it("refuses a snapshot over 2 MiB with 413", async () => {
    const tags = JSON.stringify(Array.from({ length: 20 }, (_, i) => `bulk-tag-${i}-${"x".repeat(28)}`));
    const now = Date.now();
    const insert =
      "INSERT INTO hosts (name, transport, address, port, username, tags, status, created_at, updated_at) VALUES (?, 'bundle', '-', 0, '', ?, 'pending', ?, ?)";
    await db.tx(async (db) => {
      for (let i = 0; i < 2500; i++) await db.run(insert, [`bulk-${i}`, tags, now, now]);
    });
    try {
      const res = await create({ kind: "fleet" }, alice);
      expect(res.status).toBe(413);
    } finally {
      await db.run("DELETE FROM hosts WHERE name LIKE 'bulk-%'");
    }
  });
});

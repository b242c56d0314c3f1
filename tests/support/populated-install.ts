import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { Principal } from "@/lib/auth/types";
import type { HostSecretInput } from "@/lib/schemas";
import type { AppContext } from "@/server/context";
import { passwordGuardOf } from "@/server/auth/password-guard";
import { beat } from "@/server/db/collectors";
import { recordPollStatus } from "@/server/db/hosts";
import { claimLeases } from "@/server/db/leases";
import { getUserByName } from "@/server/db/users";
import { rollUp } from "@/server/db/rollups";
import { recordSample } from "@/server/ingest/record-sample";
import { createChannel, testChannel } from "@/server/services/alerts/channels";
import { createSilence } from "@/server/services/alerts/silences";
import { createHost, updateHost } from "@/server/services/hosts/hosts";
import { createMetricsToken } from "@/server/services/metrics-tokens";
import { createSnapshot } from "@/server/services/snapshots";
import { sessionCookieFor } from "./auth";
import { readFixture } from "./fixtures";
import { startReceiver } from "./receiver";
import { encryptedKeyPair } from "./keys";

const HOUR = 3_600_000;
const lab = (name: string) => parseProbeBundle(readFixture("bundles", "lab", name));

/** What a test needs to find again in a copy of the install `populateInstall` filled. */
export interface PopulatedInstall {
  /** "now" for every read that takes one: shortly after the last sample. */
  now: number;
  /** Every host's id, the built-in localhost's included. */
  hostIds: number[];
  /** The host whose SSH key (with a passphrase) is stored encrypted, and that secret. */
  secretHost: { id: number; secret: HostSecretInput };
  /** The admin's session cookie (`twscope_session=…`) and who it is. */
  adminCookie: string;
  admin: Principal;
}

/**
 * Fills a twscope install through its services as a day of use would: SSH hosts (one with a stored key),
 * a day of samples every 15 minutes from the lab's captured bundles (so breakdowns, findings and a kernel
 * change), rollups, poll failures, an alert that fired and resolved with a channel's notices and a test
 * delivery, a silence, a user with a session (after a wrong password), a snapshot, a metrics token, their
 * audit entries, and a collector holding the leases of the SSH hosts.
 */
export async function populateInstall(ctx: AppContext): Promise<PopulatedInstall> {
  const adminCookie = await sessionCookieFor(ctx, "admin", "alice");
  const admin: Principal = { userId: (await getUserByName(ctx.db, "alice"))!.id, name: "alice", role: "admin", via: "session" };
  const secret: HostSecretInput = { kind: "private-key", privateKey: encryptedKeyPair("pass-Zq7xT9").private, passphrase: "pass-Zq7xT9" };
  const stored = await createHost(
    ctx,
    { name: "db-1", address: "10.0.0.5", port: 22, username: "twscope", authMethod: "stored", secret, tags: ["db", "eu"] },
    "alice",
  );
  const web = await createHost(
    ctx,
    { name: "web-1", address: "10.0.0.6", port: 2222, username: "twscope", authMethod: "agent", tags: ["web"] },
    "alice",
  );
  const client = await createHost(
    ctx,
    { name: "client-1", address: "10.0.0.7", port: 22, username: "twscope", authMethod: "agent", tags: ["edge"] },
    "alice",
  );
  // db-1 is reached through client-1, a host added after it: a row that refers to a later one.
  await updateHost(ctx, stored.id, { jumpHostId: client.id }, "alice");

  const receiver = await startReceiver();
  try {
    const channel = await createChannel(
      ctx,
      { name: "team", kind: "webhook", url: `${receiver.origin}/hook`, enabled: true, options: { body: "alertmanager" } },
      "alice",
    );
    await testChannel(ctx, channel.id, "alice");
  } finally {
    await receiver.close();
  }

  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const start = end - 24 * HOUR;
  for (let at = start; at <= end; at += 15 * 60_000) {
    const late = at > end - 6 * HOUR;
    await recordSample(ctx.db, {
      hostId: stored.id,
      at,
      sample: lab(late ? "tw-bucket-overflow.later.txt" : "tw-bucket-overflow.txt"),
      bytes: 4000,
      durationMs: 30,
    });
    await recordSample(ctx.db, { hostId: web.id, at, sample: lab("web-active-close.txt"), bytes: 4000, durationMs: 30 });
  }
  // An error text with what the text format of COPY must escape: a newline, a tab, backslashes, and `\N` (its NULL).
  await recordPollStatus(ctx.db, web.id, {
    status: "unreachable",
    error: "connect ECONNREFUSED 10.0.0.6:2222\n\tretried: C:\\probe \\N",
    at: end + 15_000,
  });

  // One episode that fired and resolved four hours ago, and one firing now.
  const exhausted = lab("client-port-exhaustion.txt");
  const healthy = lab("keepalive-healthy.txt");
  const t0 = end - 4 * HOUR;
  const polls: [number, typeof exhausted][] = [
    [t0, exhausted],
    [t0 + 60_000, exhausted],
    [t0 + 120_000, exhausted],
    [t0 + HOUR, healthy],
    [t0 + HOUR + 600_000, healthy],
    [end - 60_000, exhausted],
    [end, exhausted],
  ];
  for (const [at, sample] of polls) {
    const { rates, analysis } = await recordSample(ctx.db, { hostId: client.id, at, sample, bytes: 4000, durationMs: 30 });
    await ctx.alerts.afterPoll({ hostId: client.id, status: "ok", at, error: null, sample, rates, findings: analysis.findings }, at);
  }
  await rollUp(ctx.db, end + 60_000);

  await createSilence(ctx, { matcher: "tag", value: "web", endsAt: end + 48 * HOUR, reason: "web maintenance" }, "alice", end);
  await createSnapshot(ctx, { kind: "host", hostId: client.id, range: "24h", redact: false, expiresInDays: 7 }, admin, end);
  await createMetricsToken(ctx, "prometheus", admin, end);

  // A wrong password, then the right one from the same network: the shared sign-in counters and known networks.
  for (const right of [false, true]) {
    await passwordGuardOf(ctx.db).verify({ address: "192.0.2.10", account: "alice", check: () => Promise.resolve(right) });
  }
  const collector = { id: "c0ffee00-0000-4000-8000-000000000001", name: "collector-a", zone: null, hostname: "ops-1", pid: 4242 };
  const leased = await claimLeases(ctx.db, collector.id, [stored.id, web.id, client.id], end, end + 15_000);
  await beat(ctx.db, {
    ...collector,
    startedAt: end - HOUR,
    heartbeatAt: end,
    hosts: leased.length,
    polls: 96,
    failedPolls: 1,
    roles: ["retention"],
  });

  const hostIds = (await ctx.db.all<{ id: number }>("SELECT id FROM hosts ORDER BY id")).map((r) => r.id);
  return { now: end + 60_000, hostIds, secretHost: { id: stored.id, secret }, adminCookie, admin };
}

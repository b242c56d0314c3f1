import { describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/hosts/keys/route";
import * as trustRoute from "@/app/api/hosts/keys/trust/route";
import { listAudit } from "@/server/db/audit";
import { getHost, insertHost, recordPollStatus } from "@/server/db/hosts";
import { fetchHostKeys, hostKeys, trustHostKeys } from "@/server/services/hosts/host-keys";
import { sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { install: true, prefix: "twscope-host-keys-" });
const F = (c: string) => `SHA256:${c.repeat(43)}`;
const add = async (name: string, pinned?: string) =>
  (
    await insertHost(ctx.db, {
      name,
      address: "10.50.0.1",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
      ...(pinned ? { hostKeyFingerprint: pinned } : {}),
    })
  ).id;

describe("host keys confirmed together", async () => {
  const unseen = await add("unseen");
  const seen = await add("seen");
  await recordPollStatus(ctx.db, seen, { status: "host-key-unknown", error: "no key trusted", seenFingerprint: F("B"), at: Date.now() });
  const changed = await add("changed", F("C"));
  await recordPollStatus(ctx.db, changed, {
    status: "host-key-mismatch",
    error: "the host key changed",
    seenFingerprint: F("D"),
    at: Date.now(),
  });
  await add("trusted", F("E"));

  it("lists the hosts waiting for a first key apart from those whose key changed", async () => {
    const keys = await hostKeys(ctx);
    expect(keys.waiting.map((h) => [h.name, h.seenFingerprint])).toEqual([
      ["seen", F("B")],
      ["unseen", null],
    ]);
    expect(keys.changed.map((h) => [h.name, h.seenFingerprint])).toEqual([["changed", F("D")]]);
  });

  it("asks for a poll of each waiting host to fetch its key, and of no other", async () => {
    expect(await fetchHostKeys(ctx)).toEqual({ requested: 2 });
    expect((await getHost(ctx.db, unseen))!.pollRequestedAt).not.toBeNull();
    expect((await getHost(ctx.db, changed))!.pollRequestedAt).toBeNull();
    expect(await fetchHostKeys(ctx, [changed])).toEqual({ requested: 0 });
  });

  it("trusts each key as shown, and refuses one never fetched, one shown otherwise and a changed one", async () => {
    const result = await trustHostKeys(
      ctx,
      [
        { id: seen, fingerprint: F("B") },
        { id: unseen, fingerprint: F("A") },
        { id: changed, fingerprint: F("D") },
      ],
      "tester",
    );
    expect(result.trusted).toEqual([{ id: seen, name: "seen" }]);
    expect(result.refused).toEqual([
      { id: unseen, name: "unseen", reason: `the host last presented no key, not ${F("A")}; test the connection again` },
      { id: changed, name: `#${changed}`, reason: "not a host waiting for its first key: a changed key is confirmed on the host's page" },
    ]);
    expect(await getHost(ctx.db, seen)).toMatchObject({ hostKeyFingerprint: F("B"), status: "pending" });
    expect(await getHost(ctx.db, changed)).toMatchObject({ hostKeyFingerprint: F("C"), status: "host-key-mismatch" });
    expect((await listAudit(ctx.db, 1))[0]).toMatchObject({ action: "host.trust-key", target: "seen", actor: "tester" });
  });

  it("answers the keys API for an admin only, and refuses a malformed batch", async () => {
    const as = async (role: "admin" | "viewer") => ({ cookie: await sessionCookieFor(ctx, role) });
    expect((await keysRoute.GET(new Request("http://t/api/hosts/keys", { headers: await as("viewer") }), undefined)).status).toBe(403);
    const listed = await keysRoute.GET(new Request("http://t/api/hosts/keys", { headers: await as("admin") }), undefined);
    expect((await listed.json()).waiting.map((h: { name: string }) => h.name)).toEqual(["unseen"]);
    for (const body of [{ hosts: [] }, { hosts: [{ id: unseen, fingerprint: "MD5:aa" }] }, { hosts: [{ id: "1", fingerprint: F("A") }] }]) {
      const res = await trustRoute.POST(
        new Request("http://t/api/hosts/keys/trust", {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json", ...(await as("admin")) },
        }),
        undefined,
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

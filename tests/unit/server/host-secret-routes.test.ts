import { utils } from "ssh2";
import { describe, expect, it, vi } from "vitest";
import * as hostsRoute from "@/app/api/hosts/route";
import * as hostRoute from "@/app/api/hosts/[id]/route";
import * as secretRoute from "@/app/api/hosts/[id]/secret/route";
import { sshTargetOf } from "@/server/context";
import { getHost } from "@/server/db/hosts";
import { listAudit } from "@/server/db/audit";
import { sessionCookieFor, request } from "../../support/auth";
import { useTestContext } from "../../support/context";
import { encryptedKeyPair } from "../../support/keys";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-secret-api-" });

const admin = await sessionCookieFor(ctx, "admin");
const viewer = await sessionCookieFor(ctx, "viewer");
const PASSPHRASE = "a passphrase for the test key";
const ENCRYPTED_KEY = encryptedKeyPair(PASSPHRASE);
const PLAIN_KEY = utils.generateKeyPairSync("ed25519").private;
const PASSWORD = "hunter2-but-longer-9f3k";
const routeOf = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const call = (
  fn: (req: Request, c: ReturnType<typeof routeOf>) => Promise<Response>,
  id: number,
  method: string,
  body?: object,
  cookie = admin,
) => fn(request(`http://t/api/hosts/${id}/secret`, { method, body, cookie }), routeOf(id));
const putSecret = (id: number, body: object, cookie = admin) => call(secretRoute.PUT, id, "PUT", body, cookie);
const deleteSecret = (id: number, cookie = admin) => call(secretRoute.DELETE, id, "DELETE", undefined, cookie);
const patchHost = (id: number, body: object) => call(hostRoute.PATCH, id, "PATCH", body);
const lastAudit = async () => (await listAudit(ctx.db, 1))[0]!;

async function addHost(name: string, extra: object = { authMethod: "agent" }): Promise<{ id: number }> {
  const res = await hostsRoute.POST(
    request("http://t/api/hosts", { body: { name, address: "127.0.0.1", port: 1, username: "u", ...extra }, cookie: admin }),
    undefined,
  );
  expect(res.status).toBe(201);
  return res.json();
}

describe("stored secrets over the API", () => {
  it("PUT stores a private key write-only and audits its kind, never the key", async () => {
    const host = await addHost("put-key");
    const res = await putSecret(host.id, { kind: "private-key", privateKey: ENCRYPTED_KEY.private, passphrase: PASSPHRASE });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).storedSecret).toEqual({ kind: "private-key", updatedAt: expect.any(Number) });
    expect(text).not.toContain(ENCRYPTED_KEY.private.split("\n")[1]);
    expect(text).not.toContain(PASSPHRASE);
    expect(await lastAudit()).toMatchObject({
      action: "host.secret-set",
      target: "put-key",
      actor: "test-admin",
      details: { id: host.id, kind: "private-key" },
    });
  });

  it.each([
    ["a key ssh2 cannot parse", { kind: "private-key", privateKey: PLAIN_KEY.replace(/\n[A-Za-z0-9+/]{20}/, "\n!!") }, /cannot be parsed/],
    [
      "an encrypted key without its passphrase",
      { kind: "private-key", privateKey: ENCRYPTED_KEY.private },
      /passphrase is missing or wrong/,
    ],
    [
      "an encrypted key with a wrong passphrase",
      { kind: "private-key", privateKey: ENCRYPTED_KEY.private, passphrase: "nope" },
      /passphrase is missing or wrong/,
    ],
    ["a public key", { kind: "private-key", privateKey: ENCRYPTED_KEY.public }, /public key/],
  ])("PUT refuses %s with a 400 that does not echo it", async (_what, body, message) => {
    const host = await addHost(`bad-${Math.random().toString(36).slice(2)}`);
    const res = await putSecret(host.id, body);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).error.message).toMatch(message);
    expect(text).not.toContain((body.privateKey.split("\n")[1] ?? body.privateKey).slice(0, 40));
    expect((await getHost(ctx.db, host.id))!.storedSecret).toBeNull();
  });

  it("PUT refuses a key over 16 KiB, an unknown kind, and extra fields", async () => {
    const host = await addHost("put-invalid");
    for (const body of [
      { kind: "private-key", privateKey: "x".repeat(16 * 1024 + 1) },
      { kind: "token", token: "abc" },
      { kind: "password", password: PASSWORD, note: "hi" },
      { kind: "password", password: "" },
    ])
      expect((await putSecret(host.id, body)).status).toBe(400);
  });

  it("PUT is for admins of SSH hosts only", async () => {
    const host = await addHost("put-roles");
    expect((await putSecret(host.id, { kind: "password", password: PASSWORD }, viewer)).status).toBe(403);
    expect((await putSecret(host.id, { kind: "password", password: PASSWORD }, "")).status).toBe(401);
    expect((await putSecret(999_999, { kind: "password", password: PASSWORD })).status).toBe(404);
    const localhost = (await ctx.db.get("SELECT id FROM hosts WHERE transport = 'local'")) as { id: number };
    expect((await putSecret(localhost.id, { kind: "password", password: PASSWORD })).status).toBe(400);
    expect((await getHost(ctx.db, host.id))!.storedSecret).toBeNull();
  });

  it("POST /api/hosts needs a secret for stored authentication and stores it with the host", async () => {
    const missing = await hostsRoute.POST(
      request("http://t/api/hosts", {
        body: { name: "no-secret", address: "127.0.0.1", username: "u", authMethod: "stored" },
        cookie: admin,
      }),
      undefined,
    );
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.details).toEqual([expect.objectContaining({ path: "secret" })]);
    const created = await addHost("with-password", { authMethod: "stored", secret: { kind: "password", password: PASSWORD } });
    expect(created).toMatchObject({ authMethod: "stored", storedSecret: { kind: "password" } });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    const actions = (await listAudit(ctx.db, 2)).map((e) => [e.action, e.details]);
    expect(actions).toEqual([
      ["host.secret-set", { id: created.id, kind: "password" }],
      ["host.add", expect.objectContaining({ id: created.id })],
    ]);
  });

  it("PATCH switches to stored authentication only with a secret, given now or before", async () => {
    const host = await addHost("switch");
    expect((await patchHost(host.id, { authMethod: "stored" })).status).toBe(400);
    expect((await getHost(ctx.db, host.id))!.authMethod).toBe("agent");
    const res = await patchHost(host.id, { authMethod: "stored", secret: { kind: "private-key", privateKey: PLAIN_KEY } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ authMethod: "stored", storedSecret: { kind: "private-key" } });
    expect((await patchHost(host.id, { authMethod: "agent" })).status).toBe(200);
    expect((await patchHost(host.id, { authMethod: "stored" })).status).toBe(200);
  });

  it("DELETE is refused while the host logs in with the secret, then clears it and audits", async () => {
    const host = await addHost("clear", { authMethod: "stored", secret: { kind: "password", password: PASSWORD } });
    expect((await deleteSecret(host.id)).status).toBe(409);
    expect((await deleteSecret(host.id, viewer)).status).toBe(403);
    await patchHost(host.id, { authMethod: "agent" });
    expect((await deleteSecret(host.id)).status).toBe(204);
    expect(await lastAudit()).toMatchObject({ action: "host.secret-clear", target: "clear", details: { id: host.id, kind: "password" } });
    expect((await getHost(ctx.db, host.id))!.storedSecret).toBeNull();
    expect((await deleteSecret(host.id)).status).toBe(404);
  });

  it("removing a host removes its secret", async () => {
    const host = await addHost("removed", { authMethod: "stored", secret: { kind: "password", password: PASSWORD } });
    expect((await call(hostRoute.DELETE, host.id, "DELETE")).status).toBe(204);
    expect(await ctx.db.get("SELECT COUNT(*) AS n FROM host_secrets WHERE host_id = ?", [host.id])).toEqual({ n: 0 });
  });

  it("gives the SSH pool a new identity for a replaced secret, and never the secret itself", async () => {
    const host = await addHost("identity", { authMethod: "stored", secret: { kind: "password", password: PASSWORD } });
    const identity = async () => JSON.stringify(sshTargetOf((await getHost(ctx.db, host.id))!, ctx));
    const before = await identity();
    vi.setSystemTime(Date.now() + 60_000);
    try {
      expect((await putSecret(host.id, { kind: "password", password: `${PASSWORD}-2` })).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    expect(await identity()).not.toBe(before);
    expect(await identity()).not.toContain(PASSWORD);
    expect(await sshTargetOf((await getHost(ctx.db, host.id))!, ctx).storedSecret?.()).toEqual({
      kind: "password",
      password: `${PASSWORD}-2`,
    });
  });
});

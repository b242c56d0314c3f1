import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as inventoryRoute from "@/app/api/hosts/inventory/route";
import { listAudit } from "@/server/db/audit";
import { getHostByName, listHostsFromSource } from "@/server/db/hosts";
import { createHost, updateHost } from "@/server/services/hosts/hosts";
import { importInventory } from "@/server/services/hosts/inventory-import";
import { sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { install: true, prefix: "twscope-inventory-" });

const inventory = (keyFile: string) => `[web]
web[1:3] ansible_host=10.20.0.1
[web:vars]
ansible_user=www
ansible_ssh_private_key_file=${keyFile}
[db]
db1 ansible_host=10.20.1.1 ansible_port=2200
[prod:children]
web
db
[edge]
nouser ansible_user=
[all:vars]
ansible_user=ops
ansible_password=s3cret-pass
`;

describe("importing an Ansible inventory", () => {
  const key = path.join(ctx.dataDir, "web_ed25519");
  fs.writeFileSync(key, "not a real key\n");
  const text = inventory(key);

  it("previews without changing anything, then adds the hosts with their groups as tags", async () => {
    const preview = await importInventory(ctx, { text, name: "prod.ini" }, "tester");
    expect(preview).toMatchObject({ source: "inventory:prod.ini", format: "ini", applied: false, changed: [], unchanged: [], gone: [] });
    expect(preview.added.map((h) => [h.name, h.address, h.port, h.username, h.authMethod, h.keyPath, h.tags])).toEqual([
      ["web1", "10.20.0.1", 22, "www", "key", key, ["prod", "web"]],
      ["web2", "10.20.0.1", 22, "www", "key", key, ["prod", "web"]],
      ["web3", "10.20.0.1", 22, "www", "key", key, ["prod", "web"]],
      ["db1", "10.20.1.1", 2200, "ops", "agent", null, ["db", "prod"]],
    ]);
    expect(preview.skipped).toEqual([
      // Its own empty ansible_user wins over the one of all:vars, as in Ansible.
      { name: "nouser", reason: "no ansible_user, and no default user given" },
    ]);
    expect(preview.added[0]!.notApplied).toEqual([{ variable: "ansible_password", reason: expect.stringMatching(/not imported/) }]);
    expect(JSON.stringify(preview)).not.toContain("s3cret-pass");
    expect(await getHostByName(ctx.db, "web1")).toBeNull();

    const applied = await importInventory(ctx, { text, name: "prod.ini", apply: true }, "tester");
    expect(applied.applied).toBe(true);
    expect(applied.added.every((h) => typeof h.id === "number")).toBe(true);
    const web1 = (await getHostByName(ctx.db, "web1"))!;
    expect(web1).toMatchObject({ address: "10.20.0.1", username: "www", authMethod: "key", keyPath: key, tags: ["prod", "web"] });
    // Not trusted: a poll is asked for only to fetch the key it presents.
    expect(web1).toMatchObject({ status: "host-key-unknown", hostKeyFingerprint: null });
    expect(web1.pollRequestedAt).not.toBeNull();
    expect((await listHostsFromSource(ctx.db, "inventory:prod.ini")).map((h) => h.name)).toEqual(["db1", "web1", "web2", "web3"]);
    const audit = await listAudit(ctx.db, 5);
    expect(audit.map((a) => [a.action, a.target, a.details?.from])).toContainEqual(["host.add", "db1", "inventory:prod.ini"]);
  });

  it("updates its own hosts on the next import, reports the gone ones and removes them only when asked", async () => {
    // Someone added web4 by hand, and gave db1 a stored password in twscope.
    await createHost(ctx, { name: "web4", address: "10.20.0.4", port: 22, username: "me", authMethod: "agent", tags: [] }, "tester");
    const db1 = (await getHostByName(ctx.db, "db1"))!;
    await updateHost(ctx, db1.id, { authMethod: "stored", secret: { kind: "password", password: "pw" } }, "tester");
    const next = text.replace("web[1:3]", "web[2:4]").replace("ansible_port=2200", "ansible_port=2201");
    const preview = await importInventory(ctx, { text: next, name: "prod.ini" }, "tester");
    expect(preview.added).toEqual([]);
    expect(preview.changed.map((h) => [h.name, h.changes])).toEqual([["db1", [{ field: "port", from: "2200", to: "2201" }]]]);
    expect(preview.unchanged.map((h) => h.name).sort()).toEqual(["web2", "web3"]);
    expect(preview.gone).toEqual([{ id: expect.any(Number), name: "web1", removed: false }]);
    expect(preview.skipped).toContainEqual({
      name: "web4",
      reason: "a host of this name exists that this inventory did not add; it is left as it is",
    });

    const kept = await importInventory(ctx, { text: next, name: "prod.ini", apply: true }, "tester");
    expect(kept.gone[0]!.removed).toBe(false);
    expect(await getHostByName(ctx.db, "web1")).not.toBeNull();
    expect(await getHostByName(ctx.db, "db1")).toMatchObject({ port: 2201, authMethod: "stored" });
    expect(await getHostByName(ctx.db, "web4")).toMatchObject({ username: "me", address: "10.20.0.4" });

    const removed = await importInventory(ctx, { text: next, name: "prod.ini", apply: true, removeGone: true }, "tester");
    expect(removed.gone).toEqual([{ id: expect.any(Number), name: "web1", removed: true }]);
    expect(removed.changed).toEqual([]);
    expect(await getHostByName(ctx.db, "web1")).toBeNull();
    // Another inventory's name is another source: it does not see prod.ini's hosts as its own.
    const other = await importInventory(ctx, { text: "web2 ansible_user=x", name: "staging.ini" }, "tester");
    expect(other.skipped).toEqual([
      { name: "web2", reason: "a host of this name exists that this inventory did not add; it is left as it is" },
    ]);
  });

  it("warns of a key file the server does not have, and names groups it cannot make tags", async () => {
    const result = await importInventory(
      ctx,
      { text: "[db+eu]\nx1 ansible_user=ops ansible_ssh_private_key_file=/nonexistent/key\n[bad header\n", name: "warn.ini" },
      "tester",
    );
    expect(result.problems).toEqual([
      { line: 3, text: "[bad header", reason: "not a section header: [group], [group:vars] or [group:children]" },
    ]);
    expect(result.added).toEqual([expect.objectContaining({ name: "x1", tags: [], keyPath: "/nonexistent/key" })]);
    expect(result.added[0]!.notApplied).toEqual([
      { variable: "group db+eu", reason: "not usable as a tag: letters, digits and . _ - : = / only, at most 40" },
    ]);
    expect(result.warnings).toEqual([
      { name: "x1", message: "the key file /nonexistent/key is not on the twscope server: logging in fails until it is" },
    ]);
  });

  it("answers POST /api/hosts/inventory for an admin, and refuses a malformed body and a viewer", async () => {
    const call = async (body: unknown, role: "admin" | "viewer" = "admin") =>
      inventoryRoute.POST(
        new Request("http://t/api/hosts/inventory", {
          method: "POST",
          body: typeof body === "string" ? body : JSON.stringify(body),
          headers: { "content-type": "application/json", cookie: await sessionCookieFor(ctx, role) },
        }),
        undefined,
      );
    const ok = await call({ text: "a1 ansible_user=ops\n", name: "api.ini" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ applied: false, added: [{ name: "a1", username: "ops" }] });
    for (const bad of [
      { text: "", name: "x" },
      { text: "a", name: "bad;name" },
      { text: "a", name: "x", apply: "yes" },
      { text: "a", name: "x", extra: 1 },
      "{",
    ]) {
      const res = await call(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await call({ text: "a1", name: "api.ini" }, "viewer")).status).toBe(403);
    const notYaml = await call({ text: "all:\n  hosts: [unclosed\n", name: "api.yml", format: "yaml" });
    expect(notYaml.status).toBe(400);
    expect((await notYaml.json()).error.message).toMatch(/^the inventory is not YAML: /);
    expect(await getHostByName(ctx.db, "a1")).toBeNull();
  });
});

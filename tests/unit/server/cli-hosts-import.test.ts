import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { InventoryImportDto } from "@/lib/inventory/import-dto";
import { listAudit } from "@/server/db/audit";
import { listHostsFromSource } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-cli-hosts-"));
const env = {
  ...process.env,
  TWSCOPE_DATA_DIR: dataDir,
  TWSCOPE_SECRET_KEY_FILE: path.join(dataDir, "..", `${path.basename(dataDir)}.key`),
};
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["bin/twscope.mjs", "hosts", ...args], { env, encoding: "utf8", ...(input === undefined ? {} : { input }) });
const file = path.join(dataDir, "lab.yml");

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(env.TWSCOPE_SECRET_KEY_FILE, { force: true });
});

describe("twscope hosts import", () => {
  it("previews a YAML inventory, applies it, and on a second run removes only with --remove-gone", async () => {
    fs.writeFileSync(
      file,
      "all:\n  vars: {ansible_user: ops}\n  children:\n    web:\n      hosts:\n        web[1:2]:\n          ansible_host: 10.30.0.1\n",
    );
    const preview = cli(["import", file]);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toBe(
      [
        "inventory:lab.yml (yaml): 2 to add, 0 to change, 0 unchanged, 0 gone, 0 skipped",
        "  add         web1  ops@10.30.0.1:22  tags web",
        "  add         web2  ops@10.30.0.1:22  tags web",
        "A preview: nothing was changed. Run again with --apply to apply it.",
        "",
      ].join("\n"),
    );
    expect(cli(["import", file, "--apply"]).stdout).toMatch(/^inventory:lab\.yml \(yaml\): 2 added, 0 changed,/);

    fs.writeFileSync(
      file,
      "all:\n  vars: {ansible_user: ops}\n  children:\n    web:\n      hosts:\n        web2:\n          ansible_host: 10.30.0.2\n",
    );
    const kept = cli(["import", file, "--apply", "--json"]);
    const result = JSON.parse(kept.stdout) as InventoryImportDto;
    expect(result.changed.map((h) => [h.name, h.changes])).toEqual([["web2", [{ field: "address", from: "10.30.0.1", to: "10.30.0.2" }]]]);
    expect(result.gone.map((h) => [h.name, h.removed])).toEqual([["web1", false]]);
    const removed = cli(["import", file, "--apply", "--remove-gone"]);
    expect(removed.stdout).toContain("  gone        web1  removed\n");

    const db = await openDatabase(path.join(dataDir, "twscope.db"));
    try {
      expect((await listHostsFromSource(db, "inventory:lab.yml")).map((h) => [h.name, h.address])).toEqual([["web2", "10.30.0.2"]]);
      expect((await listAudit(db, 1))[0]).toMatchObject({ action: "host.remove", target: "web1", actor: `cli:${os.userInfo().username}` });
    } finally {
      await db.close();
    }
  });

  it("reads standard input under the name given, and refuses what it cannot do", () => {
    const stdin = cli(["import", "-", "--name", "piped", "--user", "ops"], "a1\n");
    expect(stdin.status).toBe(0);
    expect(stdin.stdout).toMatch(/^inventory:piped \(ini\): 1 to add/);
    expect(cli(["import", "-"], "a1\n")).toMatchObject({ status: 64, stderr: expect.stringMatching(/give the inventory a --name/) });
    expect(cli(["import", file, "--remove-gone"])).toMatchObject({
      status: 64,
      stderr: expect.stringMatching(/--remove-gone goes with --apply/),
    });
    expect(cli(["import", file, "--bogus"]).status).toBe(64);
    expect(cli(["import", path.join(dataDir, "missing.ini")])).toMatchObject({ status: 2, stderr: expect.stringMatching(/ENOENT/) });
    expect(cli(["import", file, "--format", "toml"])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^twscope: format: /) });
  });
});

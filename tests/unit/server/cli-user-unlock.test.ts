import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PasswordGuard } from "@/server/auth/password-guard";
import { openDatabase } from "@/server/db/open-database";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-cli-unlock-"));
const env = {
  ...process.env,
  TWSCOPE_DATA_DIR: dataDir,
  TWSCOPE_SECRET_KEY_FILE: path.join(dataDir, "..", `${path.basename(dataDir)}.key`),
};
const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/twscope.mjs", ...args], { env, encoding: "utf8" });

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(env.TWSCOPE_SECRET_KEY_FILE, { force: true });
});

describe("twscope user unlock", () => {
  it("forgets the account's failed sign-ins at once for a running server (another process), and audits it", async () => {
    execFileSync(process.execPath, ["bin/twscope.mjs", "user", "add", "--admin", "Owner"], {
      env: { ...env, TWSCOPE_PASSWORD: "owner-password-1" },
      stdio: "pipe",
    });
    const db = await openDatabase(path.join(dataDir, "twscope.db"));
    try {
      const guard = new PasswordGuard(db);
      for (let i = 0; i < 5; i++)
        expect(await guard.verify({ address: "192.0.2.80", account: "owner", check: async () => false })).toBe(false);
      await expect(guard.verify({ address: "192.0.2.80", account: "owner", check: async () => true })).rejects.toThrow(/too many/);
      const done = cli("user", "unlock", "Owner");
      expect(done.status).toBe(0);
      expect(done.stdout).toMatch(/Owner unlocked/);
      expect(await guard.verify({ address: "192.0.2.80", account: "owner", check: async () => true })).toBe(true);
    } finally {
      await db.close();
    }
    const audit = new Database(path.join(dataDir, "twscope.db"), { readonly: true });
    expect(audit.prepare("SELECT action, target FROM audit_log WHERE action = 'user.unlock'").all()).toEqual([
      { action: "user.unlock", target: "Owner" },
    ]);
    audit.close();
  });

  it("refuses an unknown user with exit 2", () => {
    const res = cli("user", "unlock", "nobody");
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/no user named nobody/);
  });
});

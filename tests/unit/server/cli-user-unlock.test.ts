import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

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
  it("records the unlock for the server's next check of that account, and audits it", async () => {
    execFileSync(process.execPath, ["bin/twscope.mjs", "user", "add", "--admin", "Owner"], {
      env: { ...env, TWSCOPE_PASSWORD: "owner-password-1" },
      stdio: "pipe",
    });
    const done = cli("user", "unlock", "Owner");
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/Owner unlocked/);
    const db = new Database(path.join(dataDir, "twscope.db"), { readonly: true });
    expect(db.prepare("SELECT key FROM settings WHERE key LIKE 'signin-unlock:%'").all()).toEqual([{ key: "signin-unlock:owner" }]);
    expect(db.prepare("SELECT action, target FROM audit_log WHERE action = 'user.unlock'").all()).toEqual([
      { action: "user.unlock", target: "Owner" },
    ]);
    db.close();
  });

  it("refuses an unknown user with exit 2", () => {
    const res = cli("user", "unlock", "nobody");
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/no user named nobody/);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-setup-link-"));
process.env.TWSCOPE_DATA_DIR = dataDir;
process.env.TWSCOPE_POLLER = "off";

const { getRuntime, shutdownRuntime } = await import("@/server/context");
const { closeSetup, issueSetupToken, setupLinkState } = await import("@/server/auth/setup");
const { insertUser } = await import("@/server/db/users");

afterAll(async () => {
  await shutdownRuntime();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("setupLinkState()", () => {
  it("is open for the printed token, wrong for another, and used once an admin exists", () => {
    const { db } = getRuntime();
    db.prepare("DELETE FROM users").run();
    const token = issueSetupToken()!;
    expect(setupLinkState(token)).toBe("open");
    expect(setupLinkState("y".repeat(43))).toBe("wrong");
    insertUser(db, "first", "admin", "not-a-real-hash");
    closeSetup();
    expect(setupLinkState(token)).toBe("used");
  });
});

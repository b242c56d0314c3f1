import { describe, expect, it } from "vitest";
import { issueSetupToken, setupLinkState, setupOpen } from "@/server/auth/setup";
import { hashToken } from "@/server/auth/tokens";
import { insertUser } from "@/server/db/users";
import { createFirstAdmin } from "@/server/services/users";
import { useTestContextPair } from "../../support/context";

/** Two service contexts on one store: two twscope processes of one deployment, each with its own connection or pool. */
const [first, second] = await useTestContextPair({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-setup-link-" });

describe("the setup link", () => {
  it("is open for a printed token, wrong for another, and used once an admin exists", async () => {
    const { db } = first;
    await db.run("DELETE FROM users");
    const token = (await issueSetupToken(db))!;
    expect(await setupLinkState(db, token)).toBe("open");
    expect(await setupLinkState(db, "y".repeat(43))).toBe("wrong");
    await insertUser(db, "first", "admin", "not-a-real-hash");
    expect(await setupLinkState(db, token)).toBe("used");
    expect(await setupOpen(db)).toBe(false);
  });

  it("stores only the token's hash", async () => {
    await first.db.run("DELETE FROM users");
    const token = (await issueSetupToken(first.db))!;
    const stored = await first.db.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'setup-token:%'");
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.map((s) => s.key)).toContain(`setup-token:${hashToken(token)}`);
  });

  it("works on every process: a link one printed creates the admin through the other, once, and ends the other's link", async () => {
    await first.db.run("DELETE FROM users");
    const printedByFirst = (await issueSetupToken(first.db))!;
    const printedBySecond = (await issueSetupToken(second.db))!;
    // A newer start leaves the earlier link open.
    expect(await setupLinkState(second.db, printedByFirst)).toBe("open");
    expect(await setupOpen(second.db)).toBe(true);
    const admin = await createFirstAdmin(second, printedByFirst, "root", "root-password-1");
    expect(admin).toMatchObject({ name: "root", role: "admin" });
    await expect(createFirstAdmin(first, printedByFirst, "again", "again-password-1")).rejects.toMatchObject({ code: "setup_closed" });
    await expect(createFirstAdmin(first, printedBySecond, "other", "other-password-1")).rejects.toMatchObject({ code: "setup_closed" });
    expect(await setupLinkState(first.db, printedBySecond)).toBe("used");
    expect((await first.db.all("SELECT key FROM settings WHERE key LIKE 'setup-token:%'")).length).toBe(0);
    expect(await issueSetupToken(first.db)).toBeNull();
  });

  it("creates one admin when two links are spent on two processes at the same moment", async () => {
    await first.db.run("DELETE FROM users");
    const a = (await issueSetupToken(first.db))!;
    const b = (await issueSetupToken(second.db))!;
    const results = await Promise.allSettled([
      createFirstAdmin(first, a, "admin-a", "admin-a-password"),
      createFirstAdmin(second, b, "admin-b", "admin-b-password"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "setup_closed" } });
    expect((await first.db.all("SELECT name FROM users")).length).toBe(1);
  });
});

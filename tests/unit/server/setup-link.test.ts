import { describe, expect, it } from "vitest";
import { closeSetup, issueSetupToken, setupLinkState } from "@/server/auth/setup";
import { insertUser } from "@/server/db/users";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-setup-link-" });

describe("await setupLinkState(db, )", () => {
  it("is open for the printed token, wrong for another, and used once an admin exists", async () => {
    const { db } = ctx;
    await db.run("DELETE FROM users");
    const token = (await issueSetupToken(db))!;
    expect(await setupLinkState(db, token)).toBe("open");
    expect(await setupLinkState(db, "y".repeat(43))).toBe("wrong");
    await insertUser(db, "first", "admin", "not-a-real-hash");
    closeSetup();
    expect(await setupLinkState(db, token)).toBe("used");
  });
});

import { describe, expect, it } from "vitest";
import { closeSetup, issueSetupToken, setupLinkState } from "@/server/auth/setup";
import { insertUser } from "@/server/db/users";
import { useTestContext } from "../../support/context";

const ctx = useTestContext({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-setup-link-" });

describe("setupLinkState(db, )", () => {
  it("is open for the printed token, wrong for another, and used once an admin exists", () => {
    const { db } = ctx;
    db.prepare("DELETE FROM users").run();
    const token = issueSetupToken(db)!;
    expect(setupLinkState(db, token)).toBe("open");
    expect(setupLinkState(db, "y".repeat(43))).toBe("wrong");
    insertUser(db, "first", "admin", "not-a-real-hash");
    closeSetup();
    expect(setupLinkState(db, token)).toBe("used");
  });
});

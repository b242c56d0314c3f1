import { describe, expect, it } from "vitest";
import { describeAuditDetails } from "@/lib/auth/audit-details";

describe("describeAuditDetails()", () => {
  it("writes timestamp fields as dates with their zone, not epoch milliseconds", () => {
    const line = describeAuditDetails({ id: 12, kind: "host", expiresAt: Date.UTC(2026, 11, 8, 14, 5, 9) }, { zone: "UTC" });
    expect(line).toBe("id: 12 · kind: host · expiresAt: 2026-12-08 14:05:09 UTC");
  });

  it("writes them in the zone asked for", () => {
    expect(describeAuditDetails({ revokedAt: Date.UTC(2026, 0, 15, 12, 0, 0) }, { zone: "Europe/Berlin" })).toBe(
      "revokedAt: 2026-01-15 13:00:00 CET",
    );
  });

  it("leaves other numbers alone, joins lists and drops empty values", () => {
    expect(describeAuditDetails({ id: 1795611351000, bytes: 2048, fields: ["name", "port"], previous: null }, { zone: "UTC" })).toBe(
      "id: 1795611351000 · bytes: 2048 · fields: name, port",
    );
  });

  it("is empty without details", () => {
    expect(describeAuditDetails(null)).toBe("");
  });
});

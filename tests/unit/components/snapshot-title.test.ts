import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { SnapshotRevokeButton } from "@/components/snapshot/snapshot-revoke-button";
import { SnapshotTable } from "@/components/snapshot/snapshot-table";
import type { SnapshotListItemDto } from "@/lib/snapshot/types";
import { renderIn, visibleText } from "../../support/render-in";

const AT = Date.UTC(2026, 11, 1, 14, 5, 9);
const item = (id: number, kind: "fleet" | "host", title: string): SnapshotListItemDto => ({
  id,
  kind,
  hostId: kind === "host" ? 3 : null,
  title,
  createdAt: AT,
  expiresAt: AT + 86_400_000,
  revokedAt: null,
  creatorName: "dana",
  redacted: false,
  state: "live",
});
// A fleet snapshot stores the English title "Fleet"; a host snapshot its host's name.
const snapshots = [item(1, "fleet", "Fleet"), item(2, "host", "web-1")];
const table = () => createElement(SnapshotTable, { snapshots, showCreators: false, revokingId: undefined, onRevoke: () => {} });
const revoke = () => createElement(SnapshotRevokeButton, { snapshot: snapshots[0]!, revoking: false, onRevoke: () => {} });

describe("snapshot titles", () => {
  it("name a fleet snapshot in the reader's language and a host snapshot by its host", () => {
    const en = visibleText(renderIn("en", table()));
    expect(en).toContain("Fleet #1");
    expect(en).toContain("web-1 #2");
    const zh = visibleText(renderIn("zh-CN", table()));
    expect(zh).toContain("全部主机 #1");
    expect(zh).toContain("web-1 #2");
    expect(zh).not.toContain("Fleet");
  });

  it("name it so in the revoke button too", () => {
    expect(renderIn("en", revoke())).toContain('aria-label="Revoke snapshot 1 (Fleet)"');
    expect(renderIn("zh-CN", revoke())).toMatch(/aria-label="[^"]*全部主机[^"]*"/);
  });
});

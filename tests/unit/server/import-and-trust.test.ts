import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { trustHostKey } from "@/server/services/hosts/hosts";
import { importSshConfig } from "@/server/services/hosts/ssh-config-import";
import { pollHost } from "@/server/poll/poll-host";
import { getHost, recordPollStatus } from "@/server/db/hosts";
import { hostStatusWordsKey } from "@/lib/host/status-key";
import { readFixture } from "../../support/fixtures";
import { useTestContext } from "../../support/context";
import { renderText } from "@/lib/i18n/message";
import { english } from "../../support/i18n";
import type { HostStatus } from "@/lib/types";

const statusWords = (status: HostStatus, lastPollAt: number | null) =>
  english(`common.hostStatus.${hostStatusWordsKey(status, lastPollAt)}`);

const ctx = await useTestContext({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-import-trust-" });
const { dataDir } = ctx;

describe("await importSshConfig()", () => {
  it("reports the Match and Include lines it ignored and an IdentityFile missing on this server", async () => {
    const present = path.join(dataDir, "present-key");
    fs.writeFileSync(present, "not a real key\n");
    const config = [
      "Include ~/.ssh/config.d/*",
      "Host web-a",
      "  HostName 10.9.0.1",
      "  User ops",
      `  IdentityFile ${path.join(dataDir, "missing-key")}`,
      "Host web-b",
      "  HostName 10.9.0.2",
      "  User ops",
      `  IdentityFile ${present}`,
      "Match host *.corp",
      "  User corp",
    ].join("\n");
    const result = await importSshConfig(ctx, config, undefined, "tester");
    expect(result.created.map((h) => [h.name, h.status])).toEqual([
      ["web-a", "host-key-unknown"],
      ["web-b", "host-key-unknown"],
    ]);
    expect(result.ignored.map((i) => [i.line, i.directive])).toEqual([
      [1, "Include"],
      [10, "Match"],
    ]);
    expect(result.warnings.map((w) => ({ ...w, message: renderText(english, w.message) }))).toEqual([
      { name: "web-a", message: expect.stringMatching(/^IdentityFile .*missing-key does not exist on the twscope server/) },
    ]);
  });
});

describe("await trustHostKey() on a host with history", () => {
  it("keeps its last figures and poll time, and reads 'key trusted; next poll pending', not 'waiting for first poll'", async () => {
    const { db, config } = ctx;
    const id = (await importSshConfig(ctx, "Host had-history\n  HostName 10.9.0.3\n  User ops\n", undefined, "tester")).created[0]!.id;
    const bundle = readFixture("bundles", "centos7-3.10.txt");
    await pollHost(
      db,
      (await getHost(db, id))!,
      { runProbe: async () => ({ text: bundle, bytes: bundle.length, durationMs: 1 }) },
      { script: "", limits: { timeoutMs: config.probeTimeoutMs, maxBytes: config.probeMaxBytes } },
    );
    const seen = `SHA256:${"C".repeat(43)}`;
    const failedAt = Date.now();
    await recordPollStatus(db, id, { status: "host-key-mismatch", error: "the host key changed", seenFingerprint: seen, at: failedAt });

    const trusted = await trustHostKey(ctx, id, seen, "tester");
    expect(trusted).toMatchObject({ status: "pending", lastError: null, lastPollAt: failedAt, hostKeyFingerprint: seen });
    expect(statusWords(trusted.status, trusted.lastPollAt)).toBe("key trusted; next poll pending");
    expect((await getHostDetail(ctx, id)).current?.timeWait).toBeGreaterThan(0);
  });

  it("still says 'waiting for first poll' for a host never polled", () => {
    expect(statusWords("pending", null)).toBe("waiting for first poll");
    expect(statusWords("host-key-unknown", 123)).toBe("host key not trusted");
  });
});

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { getRule, saveRule } from "@/server/db/alert-rules";
import { insertHost } from "@/server/db/hosts";
import { recordSample } from "@/server/ingest/record-sample";
import { renderMetrics } from "@/server/metrics/metrics";
import { useTestContext } from "../../support/context";
import { readFixture } from "../../support/fixtures";

const ctx = await useTestContext({}, { prefix: "twscope-alert-metrics-" });
const host = await insertHost(ctx.db, {
  name: "client-1",
  address: "10.0.0.9",
  port: 22,
  username: "u",
  authMethod: "agent",
  tags: ["edge", "eu"],
  hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
});
const sample = parseProbeBundle(readFixture("bundles", "lab", "client-port-exhaustion.txt"));

describe("alert states in /metrics", () => {
  it("exports each firing alert with its labels, the findings of the latest sample, tags and the TIME_WAIT length", async () => {
    await saveRule(ctx.db, { ...(await getRule(ctx.db, "destination-port-use"))!, forSeconds: 0 });
    const at = Date.now();
    const { rates } = await recordSample(ctx.db, { hostId: host.id, at, sample, bytes: 1, durationMs: 1 });
    await ctx.alerts.afterPoll({ hostId: host.id, status: "ok", at, error: null, sample, rates }, at);
    const text = await renderMetrics(ctx);
    const lines = text.split("\n");
    expect(lines).toContain(
      'twscope_alert_firing{alertname="destination-port-use",host="client-1",severity="critical",destination="198.18.0.10:8080"} 1',
    );
    // advisor-finding waits its 60 s `for`: pending alerts are not exported as firing.
    expect(lines.filter((l) => l.startsWith("twscope_alert_firing{"))).toHaveLength(1);
    expect(lines).toContain('twscope_finding{host="client-1",finding="client-port-exhaustion",severity="critical"} 1');
    expect(lines).toContain('twscope_host_tag{host="client-1",tag="eu"} 1');
    expect(lines).toContain('twscope_time_wait_length_seconds{host="client-1"} 60');
    if (fs.existsSync("/usr/bin/promtool"))
      expect(
        execFileSync("/usr/bin/promtool", ["check", "metrics"], { input: text, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] }),
      ).toBe("");
  });
});

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/metrics/route";
import type { MetricFamily } from "@/lib/metrics/exposition";
import { scrapeConfigYaml } from "@/lib/metrics/scrape-config";
import { timeWaitNow } from "@/lib/sample/facts";
import { latestSample } from "@/server/db/samples";
import { getMetricsToken } from "@/server/db/metrics-tokens";
import { getHostByName } from "@/server/db/hosts";
import { importBundle } from "@/server/ingest/import-bundle";
import { renderMetrics, type MetricSource } from "@/server/metrics/metrics";
import { createMetricsToken } from "@/server/services/metrics-tokens";
import { readFixture } from "../../support/fixtures";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-metrics-" });
const ADMIN = { userId: null, name: "test-admin", role: "admin", via: "proxy" } as const;
await importBundle(ctx, "web-1", readFixture("bundles", "localhost-6x.txt"), ADMIN.name);
await importBundle(ctx, 'odd"name\\host', readFixture("bundles", "centos7-3.10.txt"), ADMIN.name);
const { id, token } = await createMetricsToken(ctx, "prometheus", ADMIN);

const scrape = (headers: Record<string, string> = {}) => metricsRoute.GET(new Request("http://t/metrics", { headers }), undefined);

describe("GET /metrics", () => {
  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: "Bearer wrong-token-but-well-formed" }],
    ["the right token under another scheme", { authorization: `Basic ${token}` }],
    ["a token with a space in it", { authorization: `Bearer ${token} x` }],
  ])("answers 401 with WWW-Authenticate: Bearer to %s", async (_what, headers) => {
    const res = await scrape(headers);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(await res.text()).not.toContain("twscope_");
  });

  it("answers the exposition text to a valid token, and records when the token was used", async () => {
    expect((await getMetricsToken(ctx.db, id))!.lastUsedAt).toBeNull();
    const before = Date.now();
    const res = await scrape({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const hostId = (await getHostByName(ctx.db, "web-1"))!.id;
    expect(await res.text()).toContain(`twscope_time_wait{host="web-1"} ${timeWaitNow((await latestSample(ctx.db, hostId))!.sample)}\n`);
    expect((await getMetricsToken(ctx.db, id))!.lastUsedAt).toBeGreaterThanOrEqual(before);
  });

  it("takes the scheme in any case", async () => {
    expect((await scrape({ authorization: `bearer ${token}` })).status).toBe(200);
  });

  it("answers 429 past 60 bad tokens a minute from one client, yet still serves a valid token", async () => {
    const statuses = [];
    for (let i = 0; i < 62; i++) statuses.push((await scrape({ authorization: "Bearer guess" })).status);
    expect(statuses.slice(0, 55).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await scrape({ authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("escapes a host name with a quote and a backslash in its label", async () => {
    expect(await renderMetrics(ctx)).toContain('twscope_host_up{host="odd\\"name\\\\host"} 1\n');
  });

  it("adds the families of an extra source after the built-in ones", async () => {
    const extra: MetricSource = async () => [
      {
        name: "twscope_test_extra",
        help: "a family from an extra source",
        type: "gauge",
        samples: [{ labels: { host: "web-1", kind: "test" }, value: 1 }],
      } satisfies MetricFamily,
    ];
    const text = await renderMetrics(ctx, Date.now(), [extra]);
    expect(text.trimEnd().split("\n").at(-1)).toBe('twscope_test_extra{host="web-1",kind="test"} 1');
  });

  const promtool = "/usr/bin/promtool";
  it.skipIf(!fs.existsSync(promtool))(
    "passes promtool check metrics (skipped without /usr/bin/promtool, Debian package prometheus)",
    async () => {
      const text = await renderMetrics(ctx);
      expect(text).toMatch(/^twscope_tcpext_tw_total\{/m);
      // promtool exits 0 with nothing on stderr when every name, HELP, TYPE and sample line is right.
      const lint = execFileSync(promtool, ["check", "metrics"], { input: text, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
      expect(lint).toBe("");
    },
  );

  it.skipIf(!fs.existsSync(promtool))("shows a scrape_config that promtool check config accepts", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-scrape-config-"));
    try {
      const file = path.join(dir, "prometheus.yml");
      const yaml = scrapeConfigYaml({ publicUrl: "https://twscope.example.com/tw/", token: "abc_DEF-123" });
      expect(yaml).toContain("metrics_path: /tw/metrics");
      fs.writeFileSync(file, yaml);
      const out = execFileSync(promtool, ["check", "config", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(out).toMatch(/SUCCESS/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

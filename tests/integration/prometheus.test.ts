import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { prometheusRulesFile } from "@/lib/alerts/prometheus-rules";
import { scrapeConfigYaml } from "@/lib/metrics/scrape-config";
import { readFixture } from "../support/fixtures";
import { buildApp, pasteBundle, startApp, type RunningApp } from "../support/next-app";
import { exitOf, freePort, waitForOutput } from "../support/processes";
import { english } from "../support/i18n";

const PROMETHEUS = "/usr/bin/prometheus";
const runnable = fs.existsSync(PROMETHEUS);
if (!runnable)
  console.warn("skipping the Prometheus test: /usr/bin/prometheus is missing (npm test installs the Debian package prometheus as root)");

interface Target {
  labels: Record<string, string>;
  health: string;
  lastError: string;
}

/** Asks Prometheus again, up to `tries` times: it scrapes on its own schedule and tells no one. */
async function until<T>(what: string, read: () => Promise<T | null>, tries = 120, everyMs = 250): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read().catch(() => null);
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Prometheus never had ${what}`);
}

describe.runIf(runnable)("Prometheus scraping twscope (the built app and /usr/bin/prometheus)", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-prometheus-"));
  const dataDir = path.join(work, "twscope");
  let app: RunningApp;
  let prometheus: ChildProcess;
  let promBase: string;
  let hostTimeWait: number;
  const query = async (expr: string) => {
    const res = await fetch(`${promBase}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return ((await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
  };

  beforeAll(async () => {
    buildApp();
    fs.mkdirSync(dataDir);
    app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off" });
    const hostId = await pasteBundle(app, "web-1", readFixture("bundles", "localhost-6x.txt"));
    await pasteBundle(app, "client-1", readFixture("bundles", "lab", "client-port-exhaustion.txt"));
    const rules = path.join(work, "twscope-rules.yml");
    fs.writeFileSync(rules, prometheusRulesFile(BUILTIN_RULES, { hostNames: new Map(), pollIntervalSeconds: 15 }, english));
    hostTimeWait = ((await (await app.api(`/api/hosts/${hostId}`)).json()) as { current: { timeWait: number } }).current.timeWait;
    const created = await app.api("/api/metrics-tokens", { method: "POST", body: JSON.stringify({ name: "prometheus-it" }) });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };

    const promPort = await freePort();
    promBase = `http://127.0.0.1:${promPort}`;
    const config = path.join(work, "prometheus.yml");
    const target = new URL(app.base).host;
    fs.writeFileSync(
      config,
      [
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "  evaluation_interval: 1s",
        "rule_files:",
        `  - ${rules}`,
        scrapeConfigYaml({ publicUrl: app.base, token, interval: "1s" }).trimEnd(),
        "  - job_name: twscope-no-token",
        "    metrics_path: /metrics",
        "    static_configs:",
        `      - targets: ["${target}"]`,
        "",
      ].join("\n"),
    );
    prometheus = spawn(
      PROMETHEUS,
      [`--config.file=${config}`, `--storage.tsdb.path=${path.join(work, "tsdb")}`, `--web.listen-address=127.0.0.1:${promPort}`],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    await waitForOutput(prometheus, /Server is ready to receive web requests/, 60_000);
  }, 700_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      prometheus.kill("SIGTERM");
      await exitOf(prometheus);
    }
    app?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("scrapes /metrics with the Bearer token: twscope_time_wait is the host's latest TIME_WAIT", async () => {
    const result = await until("twscope_time_wait for web-1", async () => {
      const r = await query('twscope_time_wait{host="web-1"}');
      return r.length ? r : null;
    });
    expect(result).toHaveLength(1);
    expect(result[0]!.metric).toMatchObject({ job: "twscope", host: "web-1" });
    expect(Number(result[0]!.value[1])).toBe(hostTimeWait);
    expect(hostTimeWait).toBeGreaterThan(0);
    const up = await query('up{job="twscope"}');
    expect(up[0]!.value[1]).toBe("1");
  });

  it("loads the rules `twscope rules export` writes, and they see the port-exhaustion host in the scraped metrics", async () => {
    const pending = await until("the exported rules pending on client-1", async () => {
      const r = await query('ALERTS{host="client-1"}');
      const names = r.map((x) => x.metric.alertname).sort();
      return names.includes("destination-port-use") && names.includes("advisor-finding") ? r : null;
    });
    const portUse = pending.find((x) => x.metric.alertname === "destination-port-use")!;
    // for: 60s keeps it pending through the test; its labels are those of twscope's own alert.
    expect(portUse.metric).toMatchObject({
      alertstate: "pending",
      destination: "198.18.0.10:8080",
      severity: "critical",
      source: "twscope",
    });
    expect(pending.find((x) => x.metric.alertname === "advisor-finding")!.metric).toMatchObject({ finding: "client-port-exhaustion" });
    expect((await query('ALERTS{host="web-1", alertname="destination-port-use"}')).length).toBe(0);
    const groups = (await (await fetch(`${promBase}/api/v1/rules`)).json()) as { data: { groups: { rules: { health: string }[] }[] } };
    const loaded = groups.data.groups.flatMap((g) => g.rules);
    expect(loaded).toHaveLength(BUILTIN_RULES.length);
    expect(loaded.every((r) => r.health === "ok")).toBe(true);
  });

  it("shows admins the Prometheus page, and the token as used, by name only", async () => {
    const page = await app.api("/prometheus", { headers: { "content-type": "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="/prometheus"');
    expect(html).toContain("Create a token");
    const { tokens } = (await (await app.api("/api/metrics-tokens")).json()) as { tokens: Record<string, unknown>[] };
    expect(tokens).toEqual([expect.objectContaining({ name: "prometheus-it", createdBy: "e2e-admin", lastUsedAt: expect.any(Number) })]);
    expect(Object.keys(tokens[0]!).sort()).toEqual(["createdAt", "createdBy", "id", "lastUsedAt", "name"]);
  });

  it("marks a job without the token down, with the 401 as its last error", async () => {
    const target = await until("a failed scrape of twscope-no-token", async () => {
      const res = await fetch(`${promBase}/api/v1/targets?state=active`);
      const body = (await res.json()) as { data: { activeTargets: Target[] } };
      const t = body.data.activeTargets.find((a) => a.labels.job === "twscope-no-token");
      return t && t.health === "down" ? t : null;
    });
    expect(target.lastError).toMatch(/401/);
    const up = await query('up{job="twscope-no-token"}');
    expect(up[0]!.value[1]).toBe("0");
  });
});

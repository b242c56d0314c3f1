import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport } from "@/bench/report";
import { isRoot } from "../support/processes";

const execFileP = promisify(execFile);
const runnable = isRoot() && fs.existsSync("/usr/sbin/sshd");
if (!runnable) console.warn("skipping the benchmark test: it needs root (the lab) and openssh-server");

const FIGURES = [
  "probe.time-wait",
  "probe.run-ms",
  "probe.ss-ms",
  "probe.vs-ss",
  "probe.via-ss-run-ms",
  "probe.via-ss-vs-ss",
  "probe.ss-cpu-ms",
  "probe.run-cpu-ms",
  "probe.via-ss-cpu-ms",
  "probe.ssh-poll-ms",
  "probe.output-bytes",
  "probe.wire-bytes",
  "probe.single-wire-bytes",
  "probe.raw-bytes",
  "probe.raw-vs-wire",
  "fleet.warm-ms",
  "fleet.cold-ms",
  "fleet.single-run-ms",
  "fleet.ansible-ms",
  "fleet.ansible-persist-ms",
  "fleet.ssh-loop-ms",
  "fleet.warm-vs-ansible",
  "fleet.warm-vs-ansible-persist",
  "fleet.cold-vs-ansible",
  "fleet.warm-vs-ssh",
  "fleet.cold-vs-ssh",
  "fleet.answered",
  "cpu.probe-ms",
  "cpu.machine-warm-ms",
  "cpu.machine-single-run-ms",
  "cpu.machine-ansible-ms",
  "cpu.machine-ssh-loop-ms",
  "cpu.twscope-warm-ms",
  "cpu.twscope-cold-ms",
  "cpu.ansible-ms",
  "cpu.ssh-loop-ms",
  "cpu.ansible-vs-twscope-warm",
  "cpu.ansible-vs-twscope-cold",
  "dashboard.seed-s",
  "dashboard.fleet-ms",
  "dashboard.fleet-churn-ms",
  "dashboard.fleet-first-ms",
  "dashboard.chart-24h-ms",
  "dashboard.chart-7d-ms",
  "dashboard.chart-points",
  "dashboard.rss-max-mb",
  "dashboard.rss-median-mb",
  "storage.written-per-host-day",
  "storage.growth-per-host-day",
  "storage.steady-per-host",
  "storage.raw-row-bytes",
  "storage.rollup-row-bytes",
  "alerts.round-ms",
  "alerts.per-host-ms",
  "alerts.vs-write",
  "collectors.one-per-s",
  "collectors.two-per-s",
  "collectors.ratio",
  "collectors.takeover-max-s",
  "collectors.takeover-median-s",
  "collectors.lost",
  "collectors.duplicated",
  ...["sqlite", "postgres"].flatMap((engine) =>
    [
      "seed-s",
      "seed-rows-per-s",
      "fleet-ms",
      "fleet-bytes",
      "fleet-filtered-ms",
      "fleet-churn-ms",
      "fleet-first-ms",
      "chart-24h-ms",
      "paint-fcp-ms",
      "paint-row-ms",
    ].map((name) => `scale.${engine}.${name}`),
  ),
  "netns.time-wait",
  "netns.found",
  "netns.one-ms",
  "netns.many-ms",
  "netns.one-cpu-ms",
  "netns.many-cpu-ms",
  "netns.ratio",
  "netns.serving-one-cpu-ms",
  "netns.serving-many-cpu-ms",
  "netns.cpu-per-namespace",
  "netns.bytes",
];

const benchDirs = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("twscope-bench-"));
const npmBench = (...args: string[]) =>
  execFileP("npm", ["run", "--silent", "bench", "--", ...args], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });

// A benchmark, not a timed test: this proves `npm run bench -- --quick` still works end to end, never how fast.
describe.runIf(runnable)("npm run bench -- --quick", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-bench-test-"));
  const before = new Set(benchDirs());
  let report: BenchReport;
  let printed = "";
  const value = (id: string) => report.figures.find((f) => f.id === id)!.value;

  beforeAll(async () => {
    printed = (await npmBench("--quick", "--out", out)).stdout;
    report = JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")) as BenchReport;
  }, 600_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("reports every figure as a finite number, with met yes/no exactly where a target is set", () => {
    expect(report.figures.map((f) => f.id)).toEqual(FIGURES);
    for (const f of report.figures) {
      expect(Number.isFinite(f.value), f.id).toBe(true);
      expect(f.met === null, f.id).toBe(f.target === null);
    }
    expect(report.missed).toEqual(report.figures.filter((f) => f.met === false).map((f) => f.label));
    expect(report.quick).toBe(true);
  });

  it("prints report.md, a table row per figure, the scale part's engines side by side", () => {
    const markdown = fs.readFileSync(path.join(out, "report.md"), "utf8");
    expect(printed.trim()).toBe(markdown.trim());
    const scaleRows = FIGURES.filter((id) => id.startsWith("scale.")).length / 2;
    const rows = markdown.split("\n").filter((l) => /^\| (?!figure|---)/.test(l));
    expect(rows).toHaveLength(FIGURES.length - scaleRows);
    expect(markdown).toContain("| figure | SQLite | PostgreSQL | target | met (SQLite / PostgreSQL) |");
  });

  it("a poll moves far fewer bytes than the raw TIME_WAIT list, and the bundle stays under 32 KiB", () => {
    expect(value("probe.time-wait")).toBeGreaterThan(10_000);
    expect(value("probe.wire-bytes")).toBeLessThan(value("probe.raw-bytes"));
    expect(value("probe.output-bytes")).toBeLessThanOrEqual(32 * 1024);
  });

  it("times both socket sources on the busy host, and they print the same socket sections", () => {
    const { probe } = report.measurements;
    for (const run of [probe.ss, probe.probe, probe.probeViaSs]) {
      expect(run.wallMs).toHaveLength(3);
      expect(run.cpuMs.every((ms) => ms > 0)).toBe(true);
    }
    expect(probe.sourcesAgree).toBe(true);
    expect(probe.clientPeers + probe.serverPorts).toBeGreaterThan(0);
  });

  it("every tool reached every lab host in every round", () => {
    const answered = report.figures.find((f) => f.id === "fleet.answered")!;
    expect(answered.met).toBe(true);
    expect(answered.value).toBe(report.measurements.fleet.hosts);
  });

  it("serves the seeded hosts and at most 1,000 points per chart", () => {
    expect(report.measurements.dashboard.hosts).toBe(50);
    expect(value("dashboard.chart-points")).toBeGreaterThan(0);
    expect(value("dashboard.chart-points")).toBeLessThanOrEqual(1000);
    expect(report.measurements.memory.polls).toBeGreaterThan(0);
  });

  it("serves the scale part's fleet a page at a time on both engines, from the same seed, filtered on the server, and paints it in Chromium", () => {
    const { scale } = report.measurements;
    for (const engine of [scale.sqlite, scale.postgres]) {
      expect(engine.hosts).toBe(300);
      expect(engine.fleetFiltered.matched).toBeGreaterThan(0);
      expect(engine.fleetFiltered.matched).toBeLessThan(300);
      expect(engine.fleet.bytes).toBeLessThanOrEqual(100 * 1024);
      expect(engine.chart24h.maxPoints).toBeGreaterThan(0);
      expect(engine.paint.firstRowMs).toHaveLength(3);
      expect(engine.seed.bulkRowsPerSecond).toBeGreaterThan(0);
    }
    expect(scale.postgres.seed.rows).toEqual(scale.sqlite.seed.rows);
    expect(scale.postgres.fleetFiltered.matched).toBe(scale.sqlite.fleetFiltered.matched);
  });

  it("polls every lab host with one collector and with two on PostgreSQL, and fails over without losing or doubling a sample", () => {
    const { collectors } = report.measurements;
    expect(collectors.hosts).toBe(20);
    for (const w of [collectors.throughput.one, collectors.throughput.two]) {
      expect(w.samples).toBeGreaterThan(0);
      expect(w.hostsPolled).toBe(20);
      expect(w.held.reduce((a, b) => a + b, 0)).toBe(20);
      expect(w.cores.machine).toBeGreaterThan(0);
    }
    expect(collectors.throughput.one.held).toHaveLength(1);
    expect(collectors.throughput.two.held).toHaveLength(2);
    const { failover } = collectors;
    expect(failover.orphans).toBeGreaterThan(0);
    expect(failover.takeoverMs).toHaveLength(failover.orphans);
    expect(failover.lost).toBe(0);
    expect(failover.duplicated).toBe(0);
  });

  it("evaluates alerts on every host of the round, and the lab samples open alerts and queue notices", () => {
    expect(report.measurements.alerts).toMatchObject({ hosts: 100, rounds: 5 });
    expect(report.measurements.alerts.openAlerts).toBeGreaterThan(0);
    expect(report.measurements.alerts.notices).toBeGreaterThan(0);
  });

  it("leaves no lab, scratch directory or server behind", () => {
    expect(execFileSync("ip", ["netns", "list"], { encoding: "utf8" })).not.toMatch(/twlab-/);
    expect(fs.existsSync("/usr/local/lib/twscope-lab")).toBe(false);
    expect(benchDirs().filter((d) => !before.has(d) && path.join(os.tmpdir(), d) !== out)).toEqual([]);
    const servers = fs
      .readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/environ`, "utf8").includes("twscope-bench-");
        } catch {
          return false;
        }
      });
    expect(servers).toEqual([]);
  });

  it("refuses to run while another lab is up, and leaves that lab alone", async () => {
    execFileSync("ip", ["netns", "add", "twlab-bench-test"]);
    try {
      const failed = await npmBench("--quick", "--out", out).then(
        () => null,
        (err: { stderr: string }) => err.stderr,
      );
      expect(failed).toMatch(/a lab is already up \(namespaces: twlab-bench-test\)/);
      expect(execFileSync("ip", ["netns", "list"], { encoding: "utf8" })).toMatch(/twlab-bench-test/);
    } finally {
      execFileSync("ip", ["netns", "delete", "twlab-bench-test"]);
    }
  });
});

import type { DashboardTimings } from "./dashboard";
import type { FanOutResults } from "./fan-out";
import type { FleetRounds, RoundResult } from "./fleet-round";
import type { NamespacesCost } from "./namespaces-cost";
import type { ProbeCost } from "./probe-cost";
import type { ServerMemory } from "./server-memory";
import { medianOf } from "./stats";
import type { StorageGrowth } from "./storage";
import type { AlertEvaluationCost } from "./alert-evaluation";
import type { CollectorsMeasurement, ThroughputWindow } from "./collectors";
import { FILTERED_VIEW, SCALE_ENGINES, type EngineScale, type ScaleEngine } from "./scale";

export type Unit = "ms" | "s" | "x" | "bytes" | "MB" | "sockets" | "points" | "hosts" | "namespaces" | "samples" | "samples/s" | "rows/s";

interface Target {
  op: "<=" | ">=";
  value: number;
}

/** One line of the report: a measured value, and whether it meets the target where there is one. */
export interface Figure {
  id: string;
  section: string;
  label: string;
  value: number;
  unit: Unit;
  target: Target | null;
  met: boolean | null;
  /** How many rounds the median is of. */
  runs?: number;
  note?: string;
  /** Side-by-side tables: the column this figure is in, and the row it shares with the other columns' figures. */
  column?: string;
  row?: string;
}

export interface Measurements {
  /** CPU one probe run costs on an idle lab host, and the cores every lab host shares. */
  hostCpu: { probeMs: number; cores: number };
  probe: ProbeCost;
  fleet: FleetRounds;
  /** twscope warm rounds with probe sessions off: one SSH exec and probe run per poll. */
  singleRun: RoundResult[];
  fanOut: FanOutResults;
  memory: ServerMemory;
  dashboard: DashboardTimings & { seedSeconds: number; seededRows: number };
  storage: StorageGrowth;
  alerts: AlertEvaluationCost;
  collectors: CollectorsMeasurement;
  scale: ScaleMeasurement;
  namespaces: NamespacesCost;
}

/** The fleet page and API on a large seeded fleet, on each engine. */
export type ScaleMeasurement = Record<ScaleEngine, EngineScale> & { rawHours: number };

/** What a run measured: everything, or one part alone (`--only scale`, `--only collectors`). */
export type AnyMeasurements =
  Measurements | Pick<Measurements, "scale"> | Pick<Measurements, "collectors"> | Pick<Measurements, "namespaces">;

const KIB_32 = 32 * 1024;

function figure(
  section: string,
  id: string,
  label: string,
  value: number,
  unit: Unit,
  target: Target | null = null,
  extra: Pick<Figure, "runs" | "note"> = {},
): Figure {
  const met = target === null ? null : target.op === "<=" ? value <= target.value : value >= target.value;
  return { id, section, label, value, unit, target, met, ...extra };
}

function probeFigures(p: ProbeCost): Figure[] {
  const s = "Probe cost on a busy host";
  const runs = { runs: p.ss.wallMs.length };
  return [
    figure(
      s,
      "probe.time-wait",
      "TIME_WAIT sockets on the host while measured (lower of before/after)",
      Math.min(p.timeWaitBefore, p.timeWaitAfter),
      "sockets",
      { op: ">=", value: 100_000 },
    ),
    figure(
      s,
      "probe.run-ms",
      "one probe run on the host, sockets from /proc/net/tcp (the default)",
      p.probe.wallMedianMs,
      "ms",
      null,
      runs,
    ),
    figure(s, "probe.ss-ms", "`ss -tan state time-wait > /dev/null` on the host", p.ss.wallMedianMs, "ms", null, runs),
    figure(
      s,
      "probe.vs-ss",
      "probe ÷ ss wall time, sockets from /proc/net/tcp (the default)",
      p.probe.wallMedianMs / p.ss.wallMedianMs,
      "x",
      { op: "<=", value: 1.5 },
    ),
    figure(s, "probe.via-ss-run-ms", "one probe run on the host, sockets from ss (TWSCOPE_SS=ss)", p.probeViaSs.wallMedianMs, "ms", null, {
      ...runs,
      note: "the path of a host whose /proc/net/tcp cannot be read",
    }),
    figure(s, "probe.via-ss-vs-ss", "probe ÷ ss wall time, sockets from ss", p.probeViaSs.wallMedianMs / p.ss.wallMedianMs, "x", null, {
      note: p.sourcesAgree ? "both sources printed the same socket sections" : "the two sources printed different socket sections",
    }),
    figure(s, "probe.ss-cpu-ms", "CPU of `ss -tan state time-wait` (user + system)", p.ss.cpuMedianMs, "ms", null, runs),
    figure(s, "probe.run-cpu-ms", "CPU of one probe run, sockets from /proc/net/tcp", p.probe.cpuMedianMs, "ms", null, runs),
    figure(s, "probe.via-ss-cpu-ms", "CPU of one probe run, sockets from ss", p.probeViaSs.cpuMedianMs, "ms", null, runs),
    figure(
      s,
      "probe.ssh-poll-ms",
      "one poll of the host over its warm probe session, parse and storage included",
      p.sshPollMedianMs,
      "ms",
      null,
      { runs: p.sshPollMs.length },
    ),
    figure(s, "probe.output-bytes", "probe output (the bundle)", p.probeOutputBytes, "bytes", { op: "<=", value: KIB_32 }),
    figure(
      s,
      "probe.wire-bytes",
      "bytes one poll moves on the host's link, both directions, over a warm probe session",
      p.pollWireBytes,
      "bytes",
      { op: "<=", value: KIB_32 },
    ),
    figure(
      s,
      "probe.single-wire-bytes",
      "the same for a single run (sessions off)",
      p.singleRunWireBytes,
      "bytes",
      { op: "<=", value: KIB_32 },
      { note: "the probe script sent on stdin included" },
    ),
    figure(s, "probe.raw-bytes", "`ss -tan state time-wait` output, for comparison", p.rawTimeWaitListBytes, "bytes"),
    figure(s, "probe.raw-vs-wire", "raw TIME_WAIT list ÷ bytes one poll moves", p.rawTimeWaitListBytes / p.pollWireBytes, "x"),
  ];
}

function fleetFigures(m: Measurements): Figure[] {
  const { fleet: f, fanOut: a } = m;
  const s = `Fleet round: ${f.hosts} hosts, ${f.concurrency} in parallel`;
  const n = (runs: unknown[]) => ({ runs: runs.length });
  const [fresh, persist, ssh] = [medianOf(a.ansibleFresh, "ms"), medianOf(a.ansiblePersist, "ms"), medianOf(a.sshLoop, "ms")];
  const everyRound = [...f.warm, ...f.cold, ...m.singleRun, ...a.ansibleFresh, ...a.ansiblePersist, ...a.sshLoop];
  return [
    figure(s, "fleet.warm-ms", "twscope round over warm connections", f.warmMedianMs, "ms", { op: "<=", value: 2000 }, n(f.warm)),
    figure(s, "fleet.cold-ms", "twscope round over cold connections", f.coldMedianMs, "ms", null, n(f.cold)),
    figure(
      s,
      "fleet.single-run-ms",
      "twscope warm round with probe sessions off (one SSH exec per poll)",
      medianOf(m.singleRun, "ms"),
      "ms",
      null,
      { ...n(m.singleRun), note: "TWSCOPE_PROBE_SESSIONS=off" },
    ),
    figure(s, "fleet.ansible-ms", "Ansible `-m raw`, fresh connections", fresh, "ms", null, n(a.ansibleFresh)),
    figure(
      s,
      "fleet.ansible-persist-ms",
      "Ansible `-m raw` again within 60 s (its ControlPersist masters reused)",
      persist,
      "ms",
      null,
      n(a.ansiblePersist),
    ),
    figure(s, "fleet.ssh-loop-ms", "plain `ssh` per host via `xargs -P`", ssh, "ms", null, n(a.sshLoop)),
    figure(s, "fleet.warm-vs-ansible", "Ansible (fresh) ÷ twscope warm", fresh / f.warmMedianMs, "x", { op: ">=", value: 20 }),
    figure(s, "fleet.warm-vs-ansible-persist", "Ansible (masters reused) ÷ twscope warm", persist / f.warmMedianMs, "x", {
      op: ">=",
      value: 20,
    }),
    figure(s, "fleet.cold-vs-ansible", "Ansible (fresh) ÷ twscope cold", fresh / f.coldMedianMs, "x", { op: ">=", value: 3 }),
    figure(s, "fleet.warm-vs-ssh", "ssh loop ÷ twscope warm", ssh / f.warmMedianMs, "x"),
    figure(s, "fleet.cold-vs-ssh", "ssh loop ÷ twscope cold", ssh / f.coldMedianMs, "x"),
    figure(s, "fleet.answered", "hosts answering in the worst round of any tool", Math.min(...everyRound.map((r) => r.ok)), "hosts", {
      op: ">=",
      value: f.hosts,
    }),
  ];
}

/** Where a round's time goes: every lab host runs on this machine, so each probe run is paid here too. */
function cpuFigures(m: Measurements): Figure[] {
  const { fleet: f, fanOut: a } = m;
  const s = `Fleet round: CPU per round of ${f.hosts} hosts`;
  const own = { warm: medianOf(f.warm, "cpuMs"), cold: medianOf(f.cold, "cpuMs"), ansible: medianOf(a.ansibleFresh, "cpuMs") };
  return [
    figure(s, "cpu.probe-ms", "one probe run on an idle lab host (user + system)", m.hostCpu.probeMs, "ms", null, { runs: 5 }),
    figure(
      s,
      "cpu.machine-warm-ms",
      "whole machine, twscope warm round (sshd, probe and twscope)",
      medianOf(f.warm, "machineCpuMs"),
      "ms",
      null,
      { runs: f.warm.length },
    ),
    figure(
      s,
      "cpu.machine-single-run-ms",
      "whole machine, twscope warm round with probe sessions off",
      medianOf(m.singleRun, "machineCpuMs"),
      "ms",
      null,
      { runs: m.singleRun.length },
    ),
    figure(s, "cpu.machine-ansible-ms", "whole machine, Ansible round (fresh)", medianOf(a.ansibleFresh, "machineCpuMs"), "ms", null, {
      runs: a.ansibleFresh.length,
    }),
    figure(s, "cpu.machine-ssh-loop-ms", "whole machine, ssh loop round", medianOf(a.sshLoop, "machineCpuMs"), "ms", null, {
      runs: a.sshLoop.length,
    }),
    figure(s, "cpu.twscope-warm-ms", "monitoring side: twscope, warm round (SSH, parsing, SQLite)", own.warm, "ms", null, {
      runs: f.warm.length,
    }),
    figure(s, "cpu.twscope-cold-ms", "monitoring side: twscope, cold round", own.cold, "ms", null, { runs: f.cold.length }),
    figure(s, "cpu.ansible-ms", "monitoring side: Ansible with its ssh clients, fresh connections", own.ansible, "ms", null, {
      runs: a.ansibleFresh.length,
    }),
    figure(s, "cpu.ssh-loop-ms", "monitoring side: the ssh loop's ssh clients", medianOf(a.sshLoop, "cpuMs"), "ms", null, {
      runs: a.sshLoop.length,
    }),
    figure(s, "cpu.ansible-vs-twscope-warm", "monitoring side: Ansible ÷ twscope warm", own.ansible / own.warm, "x"),
    figure(s, "cpu.ansible-vs-twscope-cold", "monitoring side: Ansible ÷ twscope cold", own.ansible / own.cold, "x"),
  ];
}

function dashboardFigures(d: Measurements["dashboard"], m: ServerMemory): Figure[] {
  const s = `Dashboard: ${d.hosts} hosts seeded`;
  const runs = { runs: d.fleet.ms.length };
  return [
    figure(s, "dashboard.seed-s", `seeding ${d.seededRows.toLocaleString("en-US")} rows`, d.seedSeconds, "s"),
    figure(
      s,
      "dashboard.fleet-ms",
      "GET /api/hosts (fleet, first page of 50), nothing new since the previous request",
      d.fleet.medianMs,
      "ms",
      { op: "<=", value: 100 },
      { ...runs, note: `${Math.round(d.fleet.bytes / 1024)} KiB per response` },
    ),
    figure(
      s,
      "dashboard.fleet-churn-ms",
      "GET /api/hosts, every host with a newer sample than at the previous request",
      d.fleetChurn.medianMs,
      "ms",
      { op: "<=", value: 100 },
      { ...runs, note: "as under polling" },
    ),
    figure(s, "dashboard.fleet-first-ms", "GET /api/hosts, first request after the server starts", d.fleetFirstMs, "ms"),
    figure(
      s,
      "dashboard.chart-24h-ms",
      "GET /api/hosts/:id/series?range=24h",
      d.chart24h.medianMs,
      "ms",
      { op: "<=", value: 50 },
      { ...runs, note: `from ${d.chart24h.source}` },
    ),
    figure(
      s,
      "dashboard.chart-7d-ms",
      "GET /api/hosts/:id/series?range=7d",
      d.chart7d.medianMs,
      "ms",
      { op: "<=", value: 50 },
      { ...runs, note: `from ${d.chart7d.source}` },
    ),
    figure(
      s,
      "dashboard.chart-points",
      "most points in one chart response",
      Math.max(d.chart24h.maxPoints, d.chart7d.maxPoints),
      "points",
      { op: "<=", value: 1000 },
    ),
    figure(
      s,
      "dashboard.rss-max-mb",
      `server resident memory while polling ${m.hosts} hosts every ${m.pollIntervalSeconds} s, max`,
      m.rssMaxMb,
      "MB",
      { op: "<=", value: 300 },
      { note: `${m.polls} polls stored in ${m.seconds} s` },
    ),
    figure(s, "dashboard.rss-median-mb", "the same, median of the readings", m.rssMedianMb, "MB"),
  ];
}

function alertFigures(a: AlertEvaluationCost): Figure[] {
  const s = `Alert evaluation per poll round (${a.hosts} hosts)`;
  const extra = { runs: a.rounds };
  return [
    figure(s, "alerts.round-ms", `evaluating every rule on ${a.hosts} hosts after their polls`, a.roundMs, "ms", null, extra),
    figure(s, "alerts.per-host-ms", "per host", a.roundMs / a.hosts, "ms", null, extra),
    figure(s, "alerts.vs-write", "as a share of the same round's sample writes", a.roundMs / a.writeRoundMs, "x", null, {
      ...extra,
      note: `writes took ${a.writeRoundMs.toFixed(0)} ms a round; ${a.openAlerts} alerts open after the last round, ${a.notices} notices queued`,
    }),
  ];
}

function storageFigures(g: StorageGrowth): Figure[] {
  const s = `Storage at 15 s polling (retention ${g.retention.rawHours} h raw, ${g.retention.minuteDays} d 1-min, ${g.retention.quarterDays} d 15-min)`;
  return [
    figure(
      s,
      "storage.written-per-host-day",
      "bytes a host adds per day before retention trims (raw + rollups)",
      g.writtenPerHostDay,
      "bytes",
    ),
    figure(
      s,
      "storage.growth-per-host-day",
      "growth per host per day once raw and 1-min tiers are full (day 14 to 365)",
      g.growthPerHostDayAfterMinuteTier,
      "bytes",
    ),
    figure(s, "storage.steady-per-host", "bytes per host once every tier is full (the ceiling)", g.steadyStatePerHost, "bytes"),
    figure(s, "storage.raw-row-bytes", "bytes per raw sample row (pages included)", g.bytesPerRow.samples, "bytes"),
    figure(s, "storage.rollup-row-bytes", "bytes per rollup row (pages included)", g.bytesPerRow.rollups, "bytes"),
  ];
}

const ENGINE_NAMES: Record<ScaleEngine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** One engine's column of the side-by-side scale table: ids `scale.ENGINE.x`, rows `scale.x`. */
function scaleColumn(section: string, engine: ScaleEngine, c: EngineScale): Figure[] {
  const runs = { runs: c.fleet.ms.length };
  const paints = { runs: c.paint.firstRowMs.length };
  const column = { column: ENGINE_NAMES[engine] };
  const f = (
    name: string,
    label: string,
    value: number,
    unit: Unit,
    target: Target | null = null,
    extra: Pick<Figure, "runs" | "note"> = {},
  ) => ({
    ...figure(section, `scale.${engine}.${name}`, label, value, unit, target, extra),
    ...column,
    row: `scale.${name}`,
  });
  const seeded = c.seed.rows.samples + c.seed.rows.rollups;
  return [
    f(
      "seed-s",
      `seeding ${seeded.toLocaleString("en-US")} rows, each host's latest sample through storeSample included`,
      c.seed.seconds,
      "s",
    ),
    f("seed-rows-per-s", "seeding: raw sample rows written per second by the bulk statements", c.seed.bulkRowsPerSecond, "rows/s"),
    f("fleet-ms", "GET /api/hosts, first page of 50, default sort", c.fleet.medianMs, "ms", { op: "<=", value: 150 }, runs),
    f("fleet-bytes", "GET /api/hosts, response size of one page of 50", c.fleet.bytes, "bytes", { op: "<=", value: 100 * 1024 }),
    f(
      "fleet-filtered-ms",
      `GET /api/hosts?${FILTERED_VIEW}`,
      c.fleetFiltered.medianMs,
      "ms",
      { op: "<=", value: 150 },
      {
        ...runs,
        note: `${c.fleetFiltered.matched.toLocaleString("en-US")} hosts matched`,
      },
    ),
    ...(c.fleetChurn
      ? [
          f(
            "fleet-churn-ms",
            "GET /api/hosts, a third of the hosts with a newer sample than at the previous request",
            c.fleetChurn.medianMs,
            "ms",
            { op: "<=", value: 150 },
            { ...runs, note: "as a page refreshing every 5 s meets hosts polled every 15 s" },
          ),
        ]
      : []),
    f("fleet-first-ms", "GET /api/hosts, first request after the server starts", c.fleetFirstMs, "ms"),
    f(
      "chart-24h-ms",
      "GET /api/hosts/:id/series?range=24h",
      c.chart24h.medianMs,
      "ms",
      { op: "<=", value: 50 },
      {
        ...runs,
        note: `from ${c.chart24h.source}, ${c.chart24h.maxPoints} points at most`,
      },
    ),
    f("paint-fcp-ms", "fleet page in Chromium: first contentful paint", c.paint.fcpMedianMs, "ms", { op: "<=", value: 1500 }, paints),
    f(
      "paint-row-ms",
      "fleet page in Chromium: the frame that shows the table's first row, from the start of navigation",
      c.paint.firstRowMedianMs,
      "ms",
      { op: "<=", value: 1500 },
      paints,
    ),
  ];
}

/** The scale part on both engines, side by side: the figures of one engine after the other, rows matched by `row`. */
function scaleFigures(m: ScaleMeasurement): Figure[] {
  const s = `Fleet at scale: ${m.sqlite.hosts.toLocaleString("en-US")} hosts, ${m.rawHours} h of 15 s samples`;
  return SCALE_ENGINES.flatMap((engine) => scaleColumn(s, engine, m[engine]));
}

/** Cores the window's own processes (collectors, PostgreSQL, lab hosts) used, and what the rest of the machine did meanwhile. */
const ownCores = (w: ThroughputWindow) => w.cores.collectors + w.cores.postgres + w.cores.labHosts;
const otherCores = (w: ThroughputWindow) => Math.max(0, w.cores.machine - ownCores(w));
const ownCpuMsPerSample = (w: ThroughputWindow) => (ownCores(w) * 1000) / w.perSecond;

function collectorFigures(m: CollectorsMeasurement): Figure[] {
  const s = `Collectors on PostgreSQL: ${m.hosts} lab hosts`;
  const { one, two, settings: t } = m.throughput;
  const f = m.failover;
  const cpu = (w: ThroughputWindow) =>
    `${w.samples.toLocaleString("en-US")} samples in ${(w.windowMs / 1000).toFixed(0)} s, hosts held ${w.held.join(" + ")}; ` +
    `CPU in cores: collectors ${w.cores.collectors.toFixed(2)}, PostgreSQL ${w.cores.postgres.toFixed(2)}, ` +
    `lab hosts' sshd and probes ${w.cores.labHosts.toFixed(2)}, everything else ${otherCores(w).toFixed(2)}, whole machine ${w.cores.machine.toFixed(2)}; ` +
    `${ownCpuMsPerSample(w).toFixed(1)} ms of CPU per sample in the first three`;
  const bound = { op: "<=" as const, value: f.boundMs / 1000 };
  const failSettings = `lease ${f.settings.leaseS} s, interval ${f.settings.intervalS} s`;
  return [
    figure(s, "collectors.one-per-s", "samples stored per second, one collector", one.perSecond, "samples/s", null, { note: cpu(one) }),
    figure(s, "collectors.two-per-s", "samples stored per second, two collectors", two.perSecond, "samples/s", null, { note: cpu(two) }),
    figure(
      s,
      "collectors.ratio",
      "two collectors ÷ one",
      two.perSecond / one.perSecond,
      "x",
      { op: ">=", value: 1.6 },
      {
        note: `poll interval ${t.intervalS} s, ${t.concurrency} polls at once per collector`,
      },
    ),
    figure(
      s,
      "collectors.takeover-max-s",
      "fail-over: kill -9 of one of two collectors until the last of its hosts has a new sample",
      f.maxMs / 1000,
      "s",
      bound,
      {
        note: `${f.orphans} hosts; ${failSettings}; bound 2 leases + 1 interval`,
      },
    ),
    figure(s, "collectors.takeover-median-s", "fail-over: the same, median over its hosts", f.medianMs / 1000, "s"),
    figure(s, "collectors.lost", "fail-over: hosts of the killed collector left without a new sample", f.lost, "hosts", {
      op: "<=",
      value: 0,
    }),
    figure(
      s,
      "collectors.duplicated",
      "fail-over: samples less than half an interval after the host's previous one, around the handover",
      f.duplicated,
      "samples",
      { op: "<=", value: 0 },
      { note: "every host, from two intervals before the kill until each orphan had two new samples" },
    ),
  ];
}

export function figuresOf(m: AnyMeasurements): Figure[] {
  if (!("probe" in m))
    return [
      ...("collectors" in m ? collectorFigures(m.collectors) : []),
      ...("scale" in m ? scaleFigures(m.scale) : []),
      ...("namespaces" in m ? namespaceFigures(m.namespaces) : []),
    ];
  return [
    ...probeFigures(m.probe),
    ...fleetFigures(m),
    ...cpuFigures(m),
    ...dashboardFigures(m.dashboard, m.memory),
    ...storageFigures(m.storage),
    ...alertFigures(m.alerts),
    ...collectorFigures(m.collectors),
    ...scaleFigures(m.scale),
    ...namespaceFigures(m.namespaces),
  ];
}

function namespaceFigures(n: NamespacesCost): Figure[] {
  const s = `Probe with ${n.namespaces} network namespaces`;
  const runs = { runs: n.one.wallMs.length };
  return [
    figure(s, "netns.time-wait", "TIME_WAIT in each namespace while measured (the lowest)", n.timeWaitPerNamespace, "sockets"),
    figure(s, "netns.found", "namespaces the probe found besides its own", n.found, "namespaces", { op: ">=", value: n.namespaces }),
    figure(s, "netns.one-ms", "one probe run as root, the host's namespace alone", n.one.wallMedianMs, "ms", null, runs),
    figure(s, "netns.many-ms", `one probe run as root with ${n.namespaces} namespaces`, n.many.wallMedianMs, "ms", null, runs),
    figure(s, "netns.one-cpu-ms", "CPU of that run (user + system of all it started), one namespace", n.one.cpuMedianMs, "ms", null, runs),
    figure(s, "netns.many-cpu-ms", `CPU of that run, ${n.namespaces} namespaces`, n.many.cpuMedianMs, "ms", null, runs),
    figure(s, "netns.ratio", `wall time, ${n.namespaces} namespaces ÷ one`, n.many.wallMedianMs / n.one.wallMedianMs, "x"),
    figure(s, "netns.serving-one-cpu-ms", "CPU of a serving probe's poll, one namespace", n.one.servingPollCpuMs, "ms", null, runs),
    figure(
      s,
      "netns.serving-many-cpu-ms",
      `CPU of a serving probe's poll, ${n.namespaces} namespaces`,
      n.many.servingPollCpuMs,
      "ms",
      null,
      {
        ...runs,
        note: "the namespaces' sysctls reused, as for a minute after each read",
      },
    ),
    figure(s, "netns.cpu-per-namespace", "CPU per namespace shown", (n.many.cpuMedianMs - n.one.cpuMedianMs) / n.namespaces, "ms"),
    figure(s, "netns.bytes", `bundle with ${n.namespaces} namespaces`, n.many.bundleBytes, "bytes", null, {
      note: `${n.one.bundleBytes.toLocaleString("en-US")} bytes with one`,
    }),
  ];
}

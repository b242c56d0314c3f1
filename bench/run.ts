import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as lab from "@/lab/lab";
import { labDir } from "@/lab/state";
import { listHosts } from "@/server/db/hosts";
import { getContext, closeContext } from "@/server/context";
import { buildApp } from "@/tests/support/next-app";
import { killProcessesUsing, owe } from "./cleanup";
import { measureDashboard } from "./dashboard";
import { measureFanOut, prepareTargets } from "./fan-out";
import { figuresOf, type AnyMeasurements, type Measurements, type ScaleMeasurement } from "./figures";
import { notesOf } from "./notes";
import { measureFleetRounds, measureSingleRunRounds } from "./fleet-round";
import { probeCpuMs } from "./cpu-time";
import type { BenchOptions } from "./options";
import { measureProbeCost } from "./probe-cost";
import { machine, type BenchReport } from "./report";
import { seedDatabase } from "./seed-database";
import { measureServerMemory } from "./server-memory";
import { measureStorage } from "./storage";
import { measureAlertEvaluation } from "./alert-evaluation";
import { measureCollectors } from "./collectors";
import { measureNamespacesCost } from "./namespaces-cost";
import { measureScaleOn, SCALE_ENGINES, type EngineScale, type ScaleEngine } from "./scale";
import { timed } from "./stats";

type Log = (line: string) => void;

/** Runs `fn` as a named step: logged, timed into `durations`. */
async function step<T>(durations: Record<string, number>, name: string, log: Log, fn: () => Promise<T> | T): Promise<T> {
  log(`${name}…`);
  const { ms, result } = await timed(fn);
  durations[name] = ms / 1000;
  log(`${name}: ${(ms / 1000).toFixed(1)} s`);
  return result;
}

/** Everything that needs the lab: the fleet round and its comparisons, server memory, the busy host. */
async function measureOnLab(o: BenchOptions, work: string, durations: Record<string, number>, log: Log) {
  const state = await step(durations, "lab up", log, () => lab.up({ plainHosts: o.hosts, durationSeconds: 3600, scenarios: false }, log));
  const sshHosts = async () => (await listHosts((await getContext()).db)).filter((h) => h.transport === "ssh");
  const hostCpu = { probeMs: await probeCpuMs(state.hosts[0]!.netns, 5), cores: os.cpus().length };
  const fleet = await step(durations, "twscope rounds", log, async () =>
    measureFleetRounds(await getContext(), await sshHosts(), o.rounds),
  );
  const singleRun = await step(durations, "twscope rounds with probe sessions off", log, async () =>
    measureSingleRunRounds(await getContext(), await sshHosts(), o.rounds),
  );
  await closeContext();
  const targets = prepareTargets(work, labDir(), state.hosts, o.parallel);
  const fanOut = await step(durations, "ansible and ssh rounds", log, () => measureFanOut(targets, o.fanOutRounds, o.persistRounds));
  const memory = await step(durations, "server memory", log, () =>
    measureServerMemory(process.env.TWSCOPE_DATA_DIR!, o.memory.seconds, o.memory.pollIntervalSeconds),
  );
  const busy = state.hosts[0]!;
  const probe = await step(durations, "probe cost", log, async () =>
    measureProbeCost(
      await getContext(),
      busy,
      (await sshHosts()).find((h) => h.name === busy.name)!,
      o.timeWaitConnections,
      o.probeRuns,
    ),
  );
  return { hostCpu, fleet, singleRun, fanOut, memory, probe };
}

async function measureDashboardSeeded(
  o: BenchOptions,
  work: string,
  durations: Record<string, number>,
  log: Log,
): Promise<Measurements["dashboard"]> {
  const dataDir = path.join(work, "dashboard");
  const seeded = await step(durations, "seed database", log, () => seedDatabase(path.join(dataDir, "twscope.db"), o.seed));
  const timings = await step(durations, "dashboard requests", log, () => measureDashboard(dataDir, o.apiRequests));
  return { ...timings, seedSeconds: seeded.seconds, seededRows: seeded.rows.samples + seeded.rows.rollups };
}

async function measureScale(o: BenchOptions, work: string, durations: Record<string, number>, log: Log): Promise<ScaleMeasurement> {
  const measured = {} as Record<ScaleEngine, EngineScale>;
  for (const engine of SCALE_ENGINES) {
    const dataDir = path.join(work, `scale-${engine}`);
    const label = `fleet at scale on ${engine} (${o.scale.hosts.toLocaleString("en-US")} hosts)`;
    measured[engine] = await step(durations, label, log, () => measureScaleOn(engine, dataDir, o.scale));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...measured, rawHours: o.scale.rawHours };
}

function measureNamespaces(o: BenchOptions, work: string, durations: Record<string, number>, log: Log) {
  return step(durations, "probe with 20 network namespaces", log, () => measureNamespacesCost(work, 20, o.probeRuns));
}

async function measureCollectorsOnLab(o: BenchOptions, work: string, durations: Record<string, number>, log: Log) {
  const label = `collectors on PostgreSQL (${o.collectors.hosts} lab hosts)`;
  return step(durations, label, log, () => measureCollectors(o.collectors, path.join(work, "collectors"), log));
}

/**
 * The whole benchmark in a scratch directory of its own (its data directory, lab, seeded
 * databases), removed at the end whatever happens, with the lab taken down.
 */
export async function runBench(o: BenchOptions, log: Log): Promise<BenchReport<AnyMeasurements>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-bench-"));
  const removeWork = () => fs.rmSync(work, { recursive: true, force: true });
  const paidWork = owe(removeWork);
  const paidKill = owe(() => killProcessesUsing(work));
  delete process.env.TWSCOPE_LAB_DIR;
  Object.assign(process.env, { TWSCOPE_DATA_DIR: path.join(work, "data"), TWSCOPE_POLL_CONCURRENCY: String(o.parallel) });
  const durations: Record<string, number> = {};
  const started = Date.now();
  try {
    if (o.only === "namespaces") {
      const measurements = { namespaces: await measureNamespaces(o, work, durations, log) };
      durations.total = (Date.now() - started) / 1000;
      return reportOf(o, durations, measurements);
    }
    if (o.only === "collectors") {
      // No server: the collectors run from the sources, as `twscope collector` does.
      const measurements = { collectors: await measureCollectorsOnLab(o, work, durations, log) };
      durations.total = (Date.now() - started) / 1000;
      return reportOf(o, durations, measurements);
    }
    await step(durations, "build", log, () => {
      try {
        buildApp();
      } catch {
        throw new Error("next build failed: run `npx next build` to see why");
      }
    });
    if (o.only === "scale") {
      const measurements = { scale: await measureScale(o, work, durations, log) };
      durations.total = (Date.now() - started) / 1000;
      return reportOf(o, durations, measurements);
    }
    const labDown = async () => {
      await closeContext();
      await lab.down();
    };
    const paidLab = owe(labDown);
    let onLab: Awaited<ReturnType<typeof measureOnLab>>;
    try {
      onLab = await measureOnLab(o, work, durations, log);
    } finally {
      await step(durations, "lab down", log, labDown);
      paidLab();
    }
    const collectors = await measureCollectorsOnLab(o, work, durations, log);
    const dashboard = await measureDashboardSeeded(o, work, durations, log);
    const storage = await step(durations, "storage", log, () => measureStorage(work, o.storageHosts));
    const alerts = await step(durations, "alert evaluation", log, () => measureAlertEvaluation(work, o.alerts.hosts, o.alerts.rounds));
    const scale = await measureScale(o, work, durations, log);
    const namespaces = await measureNamespaces(o, work, durations, log);
    durations.total = (Date.now() - started) / 1000;
    const measurements: Measurements = { ...onLab, dashboard, storage, alerts, collectors, scale, namespaces };
    return reportOf(o, durations, measurements);
  } finally {
    paidKill();
    removeWork();
    paidWork();
  }
}

function reportOf<M extends AnyMeasurements>(o: BenchOptions, durations: Record<string, number>, measurements: M): BenchReport<M> {
  const figures = figuresOf(measurements);
  return {
    version: 1,
    date: new Date().toISOString(),
    quick: o.quick,
    machine: machine(),
    durations,
    figures,
    missed: figures.filter((f) => f.met === false).map((f) => f.label),
    notes: notesOf(o.parallel, measurements),
    measurements,
  };
}

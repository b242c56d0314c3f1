import type { CollectorsMeasurement } from "./collectors";
import type { AnyMeasurements, ScaleMeasurement } from "./figures";
import { BENCH_SHARED_BUFFERS } from "./postgres-settings";

/** How each figure was measured, in the words the report prints under its tables. */
const NAMESPACES_NOTE =
  "The namespaces figures: a PID and mount namespace of its own stands for the host, so its /proc shows only what the bench starts in it; each other namespace holds a loopback server that closed 300 connections first; the probe runs once per run as root (a serving probe reads the namespaces' sysctls once a minute, which these runs do each time).";

export function notesOf(parallel: number, all: AnyMeasurements): string[] {
  if (!("probe" in all))
    return [
      ...("collectors" in all ? collectorsNotes(all.collectors) : []),
      ...("scale" in all ? scaleNotes(all.scale) : []),
      ...("namespaces" in all ? [NAMESPACES_NOTE] : []),
    ];
  const m = all;
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    "The lab's monitoring key is restricted (authorized_keys `command=`) to the installed probe, so Ansible and the ssh loop run exactly the probe twscope runs.",
    `twscope rounds use the server's pool, SSH transport, collector and storage with TWSCOPE_POLL_CONCURRENCY=${parallel}; Ansible runs with -f ${parallel}, the ssh loop with xargs -P ${parallel}; all check host keys strictly.`,
    "Ansible keeps its defaults (ControlMaster=auto, ControlPersist=60s) but for ansible_ssh_use_tty=False: raw asks for a pty, which the restricted key refuses.",
    `Every lab host runs on this machine's ${m.hostCpu.cores} cores, so each host's sshd and probe (a single run costs ${Math.round(m.hostCpu.probeMs)} ms of CPU on an idle host) are paid here, by every tool alike: rounds of ${m.fleet.hosts} hosts are CPU-bound, which compresses every ratio. The CPU table separates the monitoring side.`,
    "twscope's warm rounds poll each host's serving probe (one per connection, opened in the cold round); the rounds with sessions off start an SSH session and a probe run per poll, as Ansible and the ssh loop do.",
    `Busy host: ${m.probe.host}, ${n(m.probe.generated)} loopback connections made in ${m.probe.generateSeconds.toFixed(0)} s (the server closes first); TIME_WAIT ${n(m.probe.timeWaitBefore)} before and ${n(m.probe.timeWaitAfter)} after the timed runs (their listener closed by then, so the probe groups them by peer: client-peers ${n(m.probe.clientPeers)}, server-ports ${n(m.probe.serverPorts)} in the bundle); \`ss -tan\` prints ${(m.probe.rawSocketListBytes / 2 ** 20).toFixed(1)} MiB there. The probe runs with each socket source and \`ss\` take turns, each as \`sh -c 'COMMAND > /dev/null; times'\` in the host's namespace: the wall time from outside, the CPU of everything it waited for from \`times\`. ${m.probe.sourcesAgree ? "Both sources printed the same socket sections" : "**The two sources printed different socket sections**"} (\`@@states\` to \`@@tw-totals\`).`,
    `Server memory: \`node scripts/serve.mjs\` polling ${m.memory.hosts} hosts (the lab's and the built-in localhost), VmRSS read every 500 ms.`,
    "Dashboard: poller off; each chart request asks for a different host.",
    ...collectorsNotes(m.collectors),
    ...scaleNotes(m.scale),
  ];
}

function scaleNotes(c: ScaleMeasurement): string[] {
  const { sqlite, postgres } = c;
  const s = (x: number) => `${x.toFixed(1)} s`;
  const size = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
  const rate = (x: number) => `${Math.round(x).toLocaleString("en-US")} rows/s`;
  return [
    `Fleet at scale: the same seed on both engines, poller off; ${sqlite.hosts.toLocaleString("en-US")} hosts tagged with one of 40 racks, every 25th unreachable with a sample 2 h old (stale); ` +
      "after the first request every other host gets a sample of now through storeSample, so the rest are fresh while measured. " +
      `Chromium loads the fleet page ${sqlite.paint.firstRowMs.length} times after a warm-up, each in a new context (no cache), signed in, at 1280×900.`,
    `Seeding on SQLite: one transaction of recursive-CTE inserts per host, journal off (${s(sqlite.seed.bulkSeconds)} at ${rate(sqlite.seed.bulkRowsPerSecond)}), ` +
      `then each host's latest sample through storeSample (${s(sqlite.seed.latestSeconds)}).`,
    `Seeding on PostgreSQL (its own server from Debian's package, fsync off, shared_buffers ${BENCH_SHARED_BUFFERS}, other settings default): the daily partitions first, then ` +
      `INSERT … SELECT from generate_series per batch of 50 hosts, two batches at once, with session_replication_role = replica so the foreign key's per-row check is skipped ` +
      `(${s(postgres.seed.bulkSeconds)} at ${rate(postgres.seed.bulkRowsPerSecond)}), then each host's latest sample through storeSample, 6 at once (${s(postgres.seed.latestSeconds)}), ` +
      `then VACUUM ANALYZE (${s(postgres.seed.analyzeSeconds ?? NaN)}); the database then holds ${size(postgres.seed.fileBytes)} (SQLite's file ${size(sqlite.seed.fileBytes)}).`,
    "The untimed newer samples between requests go through storeSample in one transaction on SQLite, in six concurrent transactions on PostgreSQL.",
  ];
}

function collectorsNotes(c: CollectorsMeasurement): string[] {
  const t = c.throughput.settings;
  const f = c.failover;
  return [
    `Collectors: \`twscope collector\` processes on one PostgreSQL database (its own server, shared_buffers ${BENCH_SHARED_BUFFERS}), ${c.hosts} lab hosts each with its own sshd, all on this machine's cores. ` +
      `Throughput: poll interval ${t.intervalS} s and ${t.concurrency} polls at once per collector (the poller starts polls on a 250 ms tick, so a collector can start at most ` +
      `${t.concurrency * 4} polls a second: far more than the machine can serve, so neither the interval nor the slots limit a collector, only CPU); ` +
      `samples counted in the samples table over ${c.throughput.windowS} s, after the collectors held every host between them and every host had a sample from its holder (a warm connection and probe session). ` +
      `Failed polls in the windows: ${c.throughput.one.failedPolls} and ${c.throughput.two.failedPolls}.`,
    `Fail-over: two collectors, lease ${f.settings.leaseS} s, poll interval ${f.settings.intervalS} s, ${f.settings.concurrency} polls at once each; one killed with SIGKILL once both had polled every host they held; ` +
      `the longest gap in any orphan's samples (its last sample before the kill to its first after) was ${(f.maxGapMs / 1000).toFixed(1)} s, and in any of the survivor's own hosts ${(f.survivorMaxGapMs / 1000).toFixed(1)} s.`,
  ];
}

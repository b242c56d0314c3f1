import type { AnyMeasurements, ScaleMeasurement } from "./figures";

/** How each figure was measured, in the words the report prints under its tables. */
export function notesOf(parallel: number, all: AnyMeasurements): string[] {
  if (!("probe" in all)) return [scaleNote(all.scale)];
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
    scaleNote(m.scale),
  ];
}

function scaleNote(c: ScaleMeasurement): string {
  return (
    `Fleet at scale: poller off; ${c.hosts.toLocaleString("en-US")} hosts tagged with one of 40 racks, every 25th unreachable with a sample 2 h old (stale); ` +
    "after the first request every other host gets a sample of now, so the rest are fresh while measured. " +
    `Chromium loads the fleet page ${c.paint.firstRowMs.length} times after a warm-up, each in a new context (no cache), signed in, at 1280×900.`
  );
}

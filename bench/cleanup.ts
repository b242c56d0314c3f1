import fs from "node:fs";

/**
 * Clean-up steps still owed, newest first. `finally` blocks cover errors; this list also covers
 * Ctrl-C and SIGTERM, after which no `finally` runs (servers run in their own process group).
 */
const steps: (() => unknown)[] = [];

/** Registers a step; call the returned function once the step has run normally. */
export function owe(step: () => unknown): () => void {
  steps.push(step);
  return () => {
    const i = steps.lastIndexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

export async function payAll(): Promise<void> {
  while (steps.length > 0) {
    try {
      await steps.pop()!();
    } catch {
      /* the next step may still work */
    }
  }
}

let signalled = false;

/** True once a signal started the clean-up: errors after that are its consequences, not news. */
export const interrupted = () => signalled;

/**
 * On SIGINT or SIGTERM: run every owed step, then exit. Later signals are ignored meanwhile: a
 * Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and the second must
 * not cut the clean-up short.
 */
export function payOnSignal(log: (line: string) => void): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log(`${signal}: cleaning up`);
    void payAll().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/**
 * Kills, by pid, every process whose environment names `dir`: the ones this run started (servers
 * get their data directory under it), including a server a signal caught before it was ready.
 */
export function killProcessesUsing(dir: string): void {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").includes(`=${dir}/`)) process.kill(Number(entry), "SIGKILL");
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
}

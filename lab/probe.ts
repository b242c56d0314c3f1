import fs from "node:fs";
import path from "node:path";
import { probeScript } from "@/server/transport/probe-script";

/**
 * Where the lab installs the probe its restricted key runs. Not the documented
 * `/usr/local/libexec/twscope`: the lab must never overwrite or delete a real install on this
 * machine, and `/usr/local/lib` already exists, so `down` leaves no empty parent behind.
 */
export const LAB_PROBE_DIR = "/usr/local/lib/twscope-lab";
export const LAB_PROBE = path.join(LAB_PROBE_DIR, "twscope-probe");

/** Installs the repository's current probe, root-owned and mode 0755 like a real host's. */
export function installLabProbe(): void {
  fs.mkdirSync(LAB_PROBE_DIR, { recursive: true, mode: 0o755 });
  fs.chmodSync(LAB_PROBE_DIR, 0o755);
  fs.writeFileSync(LAB_PROBE, probeScript());
  fs.chmodSync(LAB_PROBE, 0o755);
}

export function removeLabProbe(): void {
  fs.rmSync(LAB_PROBE_DIR, { recursive: true, force: true });
}

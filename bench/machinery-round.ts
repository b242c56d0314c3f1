import fs from "node:fs";
import path from "node:path";
import { LAB_PROBE_DIR } from "@/lab/probe";
import { labAuthorizedKeys } from "@/lab/sshd";
import type { HostRecord } from "@/server/db/hosts";
import type { Runtime } from "@/server/runtime";
import { pollRound, type RoundResult } from "./fleet-round";
import { pause } from "./stats";

const SAVED_BUNDLE = path.join(process.cwd(), "tests", "fixtures", "bundles", "lab", "upstream.txt");

/**
 * Warm rounds with the probe taken out: the lab's restricted key is pointed at `cat` of a saved
 * bundle for a while, then put back. What is left is sshd starting a session and twscope's pool,
 * transport, collector and storage: a round where each host pays its probe on its own CPU, not on
 * the one machine all lab hosts share.
 */
export async function measureMachineryRounds(rt: Runtime, hosts: HostRecord[], rounds: number): Promise<RoundResult[]> {
  const keys = labAuthorizedKeys();
  const original = fs.readFileSync(keys, "utf8");
  const bundle = path.join(LAB_PROBE_DIR, "saved-bundle.txt");
  fs.copyFileSync(SAVED_BUNDLE, bundle);
  fs.chmodSync(bundle, 0o644);
  try {
    fs.writeFileSync(keys, original.replace(/command="[^"]*"/, `command="cat ${bundle}"`));
    // sshd binds the forced command at authentication: reconnect every host.
    rt.pool.closeAll();
    await pause(500);
    await pollRound(rt, hosts);
    const warm: RoundResult[] = [];
    for (let i = 0; i < rounds; i++) warm.push(await pollRound(rt, hosts));
    return warm;
  } finally {
    fs.writeFileSync(keys, original);
    fs.rmSync(bundle, { force: true });
    rt.pool.closeAll();
  }
}

import fs from "node:fs";
import { LAB_PROBE } from "./probe";
import { probeSudoRule } from "./restricted-key";
import { sh } from "./shell";
import { LAB_USER } from "./state";

const SUDOERS_FILE = "/etc/sudoers.d/twscope-lab";

/**
 * Lets the lab account run the lab's probe as root through sudo, as the README's "Which process"
 * shows a host owner; false (nothing written) where sudo is not installed.
 */
export async function installProbeSudoRule(): Promise<boolean> {
  if (!fs.existsSync("/usr/bin/sudo") || !fs.existsSync("/etc/sudoers.d")) return false;
  fs.writeFileSync(SUDOERS_FILE, probeSudoRule(LAB_USER, LAB_PROBE), { mode: 0o440 });
  try {
    await sh("visudo", ["-c", "-q", "-f", SUDOERS_FILE]);
  } catch (err) {
    removeProbeSudoRule();
    throw new Error(`the lab's sudo rule does not parse: ${(err as Error).message}`);
  }
  return true;
}

export function removeProbeSudoRule(): void {
  fs.rmSync(SUDOERS_FILE, { force: true });
}

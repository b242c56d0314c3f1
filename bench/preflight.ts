import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { labNamespaces } from "@/lab/network";
import { LAB_PROBE_DIR } from "@/lab/probe";
import { BRIDGE } from "@/lab/state";
import { postgresBinDir } from "@/tests/support/postgres-server";

/** The lab needs root; a lab someone else has up must not be torn down under them. */
export async function assertCanRun(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      "the benchmark needs root: it brings up the lab (network namespaces, one sshd per host, a system user). Run it as root.",
    );
  }
  const namespaces = await labNamespaces();
  const bridge = fs.existsSync(`/sys/class/net/${BRIDGE}`);
  if (namespaces.length > 0 || bridge || fs.existsSync(LAB_PROBE_DIR)) {
    throw new Error(
      `a lab is already up (namespaces: ${namespaces.join(", ") || "none"}${bridge ? `; bridge ${BRIDGE}` : ""}): the benchmark brings up its own. ` +
        "Take the other one down first (npm run lab -- down), once nobody is using it.",
    );
  }
}

const has = (cmd: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/** Installs the Debian packages of the comparison tools and PostgreSQL when missing; returns what it installed. */
export function ensureDebianPackages(log: (line: string) => void): string[] {
  const missing = [
    ...(has("ansible") ? [] : ["ansible-core"]),
    ...(has("ssh") ? [] : ["openssh-client"]),
    ...(fs.existsSync("/usr/sbin/sshd") ? [] : ["openssh-server"]),
    // The collectors and the scale part's second engine run on a PostgreSQL server of their own.
    ...(postgresBinDir() ? [] : ["postgresql"]),
  ];
  if (missing.length === 0) return [];
  log(`installing Debian packages: ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "ignore", env });
  return missing;
}

import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const execFileP = promisify(execFile);

/** Runs a command without a shell; rejects with its stderr on failure. */
export async function sh(cmd: string, args: string[], input?: string): Promise<string> {
  if (input !== undefined) return withInput(cmd, args, input);
  try {
    const { stdout } = await execFileP(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")}: ${(e.stderr || e.message).trim()}`);
  }
}

/** Like `sh` but never throws: for clean-up steps where "already gone" is fine. */
export async function shQuiet(cmd: string, args: string[]): Promise<void> {
  await sh(cmd, args).catch(() => {});
}

function withInput(cmd: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")}: ${err.trim()}`))));
    child.stdin.end(input);
  });
}

/** `ip -batch -`: many `ip` commands in one process (hundreds of namespaces come up in seconds). */
export function ipBatch(lines: string[], netns?: string): Promise<string> {
  return sh("ip", [...(netns ? ["-n", netns] : []), "-batch", "-"], lines.join("\n") + "\n");
}

/** Runs a command inside a namespace, detached, with output to a log file; returns its pid. */
export function spawnInNetns(ns: string, cmd: string[], fd: number): number {
  const child = spawn("ip", ["netns", "exec", ns, ...cmd], { detached: true, stdio: ["ignore", fd, fd] });
  child.unref();
  return child.pid!;
}

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, waitForOutput } from "./processes";

const NEXT = "node_modules/next/dist/bin/next";
const SOURCES = ["app", "components", "lib", "server", "public", "instrumentation.ts", "next.config.ts", "package-lock.json"];

function newestSource(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((e) => newestSource(path.join(p, e))));
}

/** `next build`, unless a build newer than every source file is already there (several suites share one). */
export function buildApp(): void {
  const id = ".next/BUILD_ID";
  if (fs.existsSync(id) && fs.statSync(id).mtimeMs > Math.max(...SOURCES.map(newestSource))) return;
  execFileSync(process.execPath, [NEXT, "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, timeout: 600_000 });
}

export interface RunningApp {
  base: string;
  server: ChildProcess;
  output: () => string;
  stop: () => void;
}

/** `next start` on a free loopback port with its own data directory; resolves once the poller runs. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const server = spawn(process.execPath, [NEXT, "start", "-H", "127.0.0.1", "-p", String(port)], {
    detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  let output = "";
  server.stdout!.on("data", (c: Buffer) => { output += c.toString(); });
  server.stderr!.on("data", (c: Buffer) => { output += c.toString(); });
  await waitForOutput(server, /polling every/, 60_000);
  return {
    base: `http://127.0.0.1:${port}`, server, output: () => output,
    stop: () => { if (server.exitCode === null) { try { process.kill(-server.pid!, "SIGKILL"); } catch { /* gone */ } } },
  };
}

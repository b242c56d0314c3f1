#!/usr/bin/env node
// twscope's command line. Runs the TypeScript entry point through tsx, with the react-server
// condition so that server modules (marked `server-only`) load outside Next.js. SIGTERM and SIGINT
// are passed on, so `twscope collector` stops cleanly under a service manager.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "server", "cli", "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: process.cwd(), env: { ...process.env, TWSCOPE_ROOT: root } },
);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));

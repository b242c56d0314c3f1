import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { expect } from "vitest";
import { freePort, waitForOutput } from "./processes";

const NEXT = "node_modules/next/dist/bin/next";
const SOURCES = ["app", "components", "lib", "server", "public", "instrumentation.ts", "proxy.ts", "next.config.ts", "package-lock.json"];

function newestSource(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((e) => newestSource(path.join(p, e))));
}

/**
 * `next build`, unless a build newer than every source file is already there (several suites share one).
 * A failed build throws with the end of its output (the tests run it with NODE_ENV=test, which can fail
 * where `npm run build` does not: say why).
 */
export function buildApp(): void {
  const id = ".next/BUILD_ID";
  if (fs.existsSync(id) && fs.statSync(id).mtimeMs > Math.max(...SOURCES.map(newestSource))) return;
  try {
    execFileSync(process.execPath, [NEXT, "build"], {
      stdio: "pipe",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const { stdout, stderr, message } = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`next build failed: ${message}\n${`${stdout ?? ""}${stderr ?? ""}`.slice(-4000)}`);
  }
}

export interface RunningApp extends RunningServer {
  /** The Cookie header of a session of the admin `startApp` created. */
  cookie: string;
  /** `fetch` against the app as that admin (same-origin headers included). */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  /** Gives a browser context that admin's session. */
  signIn: (context: BrowserContext) => Promise<void>;
}

export const ADMIN = { name: "e2e-admin", password: "e2e-admin-password" };

/** Adds a user with the real CLI (`twscope user add`), as an operator would. */
export function addUser(dataDir: string, name: string, password: string, role: "admin" | "viewer", env: Record<string, string> = {}): void {
  execFileSync(process.execPath, ["bin/twscope.mjs", "user", "add", ...(role === "admin" ? ["--admin"] : []), name], {
    env: { ...process.env, ...env, TWSCOPE_DATA_DIR: dataDir, TWSCOPE_PASSWORD: password },
    stdio: "pipe",
  });
}

/** Signs in through `POST /api/session` and returns the session cookie (`name=value`). */
async function signInCookie(base: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${name} failed: ${res.status} ${await res.text()}`);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

export interface RunningServer {
  base: string;
  server: ChildProcess;
  output: () => string;
  stop: () => void;
}

/**
 * The twscope server (`scripts/serve.mjs`, as `npm start` runs it) on a free loopback port with its
 * own data directory (`env` must name TWSCOPE_DATA_DIR) and a secret key file beside it; resolves once it listens.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.TWSCOPE_DATA_DIR ?? process.env.TWSCOPE_DATA_DIR!;
  const secretKeyFile = path.join(dataDir, "..", `${path.basename(dataDir)}-secret.key`);
  const server = spawn(process.execPath, ["scripts/serve.mjs"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      TWSCOPE_HOST: "127.0.0.1",
      PORT: String(port),
      TWSCOPE_SECRET_KEY_FILE: secretKeyFile,
      ...env,
    },
  });
  let output = "";
  server.stdout!.on("data", (c: Buffer) => {
    output += c.toString();
  });
  server.stderr!.on("data", (c: Buffer) => {
    output += c.toString();
  });
  await waitForOutput(server, /dashboard on http/, 60_000);
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    output: () => output,
    stop: () => {
      if (server.exitCode === null) {
        try {
          process.kill(-server.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }
      fs.rmSync(secretKeyFile, { force: true });
    },
  };
}

/** Pastes a bundle's text through `POST /api/bundles` as host `name`, expecting it stored (201); returns the host's id. */
export async function pasteBundle(app: RunningApp, name: string, text: string): Promise<number> {
  const res = await app.api(`/api/bundles?name=${name}`, { method: "POST", body: text, headers: { "content-type": "text/plain" } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { host: { id: number } }).host.id;
}

/** `startServer` with an admin created through the CLI first, and signed in. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  // The same database the server opens: a PostgreSQL URL in `env` too.
  addUser(env.TWSCOPE_DATA_DIR ?? process.env.TWSCOPE_DATA_DIR!, ADMIN.name, ADMIN.password, "admin", env);
  const running = await startServer(env);
  const { base } = running;
  const cookie = await signInCookie(base, ADMIN.name, ADMIN.password);
  const [cookieName, cookieValue] = cookie.split("=") as [string, string];
  return {
    ...running,
    cookie,
    api: (p, init = {}) =>
      fetch(`${base}${p}`, {
        ...init,
        headers: { cookie, "content-type": "application/json", ...(init.headers as Record<string, string>) },
      }),
    signIn: (context) => context.addCookies([{ name: cookieName, value: cookieValue, url: base, httpOnly: true, sameSite: "Lax" }]),
  };
}

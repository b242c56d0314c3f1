import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { loadConfig } from "@/server/config";
import { closeContext, createContext, installContext, type AppContext } from "@/server/context";
import { engineEnv } from "./engines";

export interface TestContext extends AppContext {
  /** The temporary data directory the database lives in. */
  dataDir: string;
}

/**
 * A service context over a fresh temporary data directory (settings from `env` only, never from
 * the process environment) and a store of the test project's engine, closed and deleted after the
 * file's tests. `install` makes it the process's context too, for tests that call route handlers or
 * pages, which use that one. Call it at the top of a test file: `const ctx = await useTestContext()`.
 */
export async function useTestContext(
  env: Record<string, string> = {},
  { install = false, prefix = "twscope-test-" } = {},
): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = loadConfig({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_SECRET_KEY_FILE: `${dataDir}.key`, ...(await engineEnv()), ...env });
  const ctx = Object.assign(await createContext(config), { dataDir });
  if (install) installContext(ctx);
  afterAll(async () => {
    await closeContext(ctx);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.key`, { force: true });
  });
  return ctx;
}

/**
 * Two service contexts on one store of the test project's engine, as two twscope processes of one deployment
 * behind a load balancer: each opens its own SQLite connection or PostgreSQL pool. Closed and deleted after the file's tests.
 */
export async function useTestContextPair(
  env: Record<string, string> = {},
  { prefix = "twscope-test-" } = {},
): Promise<[TestContext, TestContext]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = loadConfig({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_SECRET_KEY_FILE: `${dataDir}.key`, ...(await engineEnv()), ...env });
  // One after the other: the first migrates the new store.
  const first = Object.assign(await createContext(config), { dataDir });
  const second = Object.assign(await createContext(config), { dataDir });
  afterAll(async () => {
    await closeContext(first);
    await closeContext(second);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.key`, { force: true });
  });
  return [first, second];
}

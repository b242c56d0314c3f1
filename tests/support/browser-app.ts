import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { chromiumAvailable, launchChromium } from "./browser";
import { buildApp, startApp, type RunningApp } from "./next-app";

/** Whether Chromium tests can run here; warns that `what` is skipped when they cannot. */
export function chromiumRunnable(what: string): boolean {
  const runnable = chromiumAvailable();
  if (!runnable) console.warn(`skipping ${what}: it needs Debian's chromium`);
  return runnable;
}

/** A fresh temporary data directory named after a suite (`twscope-e2e-<name>-…`). */
export const makeDataDir = (name?: string) => fs.mkdtempSync(path.join(os.tmpdir(), name ? `twscope-e2e-${name}-` : "twscope-e2e-"));

export interface BrowserAppOptions {
  /** Names the data directory. */
  name?: string;
  /** A data directory made already (with `makeDataDir`), for a file that needs it before its suite; deleted at the end like one made here. */
  dataDir?: string;
  /** The server's settings; TWSCOPE_DATA_DIR is the data directory. */
  env?: Record<string, string>;
  /** Runs after the build, before the server starts: for writing into the data directory or starting what the server talks to. */
  seed?: (dataDir: string) => void | Promise<void>;
  /** Runs once the server listens with its admin signed in, before Chromium starts. */
  ready?: (app: RunningApp) => void | Promise<void>;
  /** Runs after Chromium closed and the server stopped, before the data directory is deleted. */
  cleanup?: () => void | Promise<void>;
}

type ContextOptions = BrowserContextOptions & {
  /** Give the context the admin's session (the default). */
  signedIn?: boolean;
};

export interface BrowserApp {
  /** The running app; its fields can be read once the suite's beforeAll has run. */
  app: RunningApp;
  dataDir: string;
  /** The launched Chromium, once the suite's beforeAll has run. */
  browser: () => Browser;
  /** A new browser context, signed in as the admin unless `signedIn: false`. */
  newContext: (options?: ContextOptions) => Promise<BrowserContext>;
  /**
   * A page in a context of its own (1280×900 unless `viewport` says otherwise; signed in unless
   * `signedIn: false`) at `url` on the app, once React has hydrated it. Close it with `page.context().close()`.
   */
  open: (url: string, options?: ContextOptions) => Promise<Page>;
  /** Script errors and console errors of every page `open` gave, as "page url: message". */
  pageErrors: string[];
}

/**
 * For a browser test file: registers the hooks that build the app (`next build`, shared between
 * files), start it on its own data directory with an admin signed in, and launch Debian's Chromium;
 * and those that close it all and delete the data directory after the file's tests.
 * Call it inside the file's describe block so that a skipped suite starts nothing.
 */
export function useBrowserApp(options: BrowserAppOptions = {}): BrowserApp {
  const dataDir = options.dataDir ?? makeDataDir(options.name);
  let running: RunningApp | undefined;
  let launched: Browser | undefined;
  const pageErrors: string[] = [];

  const started = (): RunningApp => {
    if (!running) throw new Error("the app is not running: use it in a test or after the suite's beforeAll");
    return running;
  };
  const browser = (): Browser => {
    if (!launched) throw new Error("Chromium is not running: use it in a test or after the suite's beforeAll");
    return launched;
  };

  const app: RunningApp = {
    get base() {
      return started().base;
    },
    get server() {
      return started().server;
    },
    get cookie() {
      return started().cookie;
    },
    output: () => started().output(),
    stop: () => started().stop(),
    api: (p, init) => started().api(p, init),
    signIn: (context) => started().signIn(context),
  };

  const newContext = async ({ signedIn = true, ...contextOptions }: ContextOptions = {}): Promise<BrowserContext> => {
    const context = await browser().newContext(contextOptions);
    if (signedIn) await app.signIn(context);
    return context;
  };

  const open = async (url: string, contextOptions: ContextOptions = {}): Promise<Page> => {
    const context = await newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
    const page = await context.newPage();
    page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(`${page.url()}: ${m.text()}`);
    });
    await page.goto(`${app.base}${url}`);
    // Pages arrive server-rendered; controls work only once React has hydrated them.
    await page.locator("html[data-hydrated]").waitFor();
    return page;
  };

  beforeAll(async () => {
    buildApp();
    await options.seed?.(dataDir);
    running = await startApp({ TWSCOPE_DATA_DIR: dataDir, ...options.env });
    await options.ready?.(running);
    launched = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await launched?.close();
    running?.stop();
    await options.cleanup?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return { app, dataDir, browser, newContext, open, pageErrors };
}

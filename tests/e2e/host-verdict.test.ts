import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labBundleAt, readFixture } from "../support/fixtures";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { buildApp, startApp, type RunningApp } from "../support/next-app";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-e2e-verdict-"));
const shots = process.env.TWSCOPE_SCREENSHOTS;

const runnable = chromiumAvailable();
if (!runnable) console.warn("skipping the host verdict browser test: it needs Debian's chromium");

/** `uname -r` and `sysctl net` of a captured plain bundle: settings, no TIME_WAIT count. */
function settingsOnly(): string {
  const full = readFixture("plain", "host-full.txt");
  const part = (heading: string) => full.slice(full.indexOf(`### ${heading}\n`)).split(/^(?=### )/m)[0]!;
  return part("uname -r") + part("sysctl net");
}

describe.runIf(runnable)("the host page's verdict and coverage in Chromium", { timeout: 90_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  const ids: Record<string, number> = {};

  const upload = async (host: string, body: string) => {
    const res = await app.api(`/api/bundles?name=${host}`, { method: "POST", body, headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(201);
    ids[host] = ((await res.json()) as { host: { id: number } }).host.id;
  };
  const open = async (host: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await app.signIn(context);
    const page = await context.newPage();
    await page.goto(`${app.base}/hosts/${ids[host]}`);
    await page.locator("html[data-hydrated]").waitFor();
    await page.locator("[data-verdict]").waitFor();
    return page;
  };

  beforeAll(async () => {
    buildApp();
    app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off" });
    await upload("settings-only", settingsOnly());
    await upload("sockets-only", readFixture("plain", "netns-netstat.txt"));
    await upload("web", labBundleAt("web-active-close.txt", 30));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows unknown, not healthy, for a bundle without a TIME_WAIT count, and what could not be checked", async () => {
    const page = await open("settings-only");
    await expect(page.locator("[data-verdict]").getAttribute("data-verdict")).resolves.toBe("unknown");
    await expect(page.locator("[data-verdict]").innerText()).resolves.toMatch(/UNKNOWN\s+3 of 9 checks made; not checked: TIME_WAIT count/);
    await expect(page.getByText("No TIME_WAIT problem found").count()).resolves.toBe(0);
    await page.locator("[data-coverage] summary").click();
    await expect(page.locator('[data-check="TIME_WAIT count"]').getAttribute("data-state")).resolves.toBe("unchecked");
    if (shots) await page.locator('section[aria-label="Findings"]').screenshot({ path: path.join(shots, "verdict-unknown.png") });
  });

  it("shows a healthy verdict with its gaps for a socket list alone, and a warning verdict for a closing server", async () => {
    const healthy = await open("sockets-only");
    await expect(healthy.locator("[data-verdict]").getAttribute("data-verdict")).resolves.toBe("healthy");
    await expect(healthy.locator('[data-rule="healthy"] h3').innerText()).resolves.toMatch(/^No TIME_WAIT problem found in what was checked; \d+ of 9 checks not possible$/);
    if (shots) await healthy.locator('section[aria-label="Findings"]').screenshot({ path: path.join(shots, "verdict-healthy-gaps.png") });
    const web = await open("web");
    await expect(web.locator("[data-verdict]").getAttribute("data-verdict")).resolves.toBe("warning");
    await expect(web.locator("[data-verdict] p").innerText()).resolves.toMatch(/^WARNING\s+9 of 9 checks made$/);
  });
});

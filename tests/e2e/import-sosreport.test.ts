import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { fixturePath } from "../support/fixtures";
import { buildApp, startApp, type RunningApp } from "../support/next-app";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-e2e-sosreport-"));
const shots = process.env.TWSCOPE_SCREENSHOTS;

const runnable = chromiumAvailable();
if (!runnable) console.warn("skipping the sosreport import browser test: it needs Debian's chromium");

describe.runIf(runnable)("importing a sosreport archive in Chromium", { timeout: 90_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  const archive = path.join(dataDir, "sosreport-vm-2026-12-01-abcdefg.tar.xz");

  beforeAll(async () => {
    buildApp();
    expect(spawnSync("tar", ["-cJf", archive, "-C", fixturePath("sosreport"), "netns-7200"]).status).toBe(0);
    app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off" });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("uploads the .tar.xz from the Import page and shows the host with the report's counts and the stale sysctl line", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await app.signIn(context);
    const page = await context.newPage();
    await page.goto(`${app.base}/hosts/import`);
    await page.locator("html[data-hydrated]").waitFor();
    const form = page.locator("form").filter({ hasText: "Analyse a host without SSH" });
    await form.getByLabel("Host name").fill("sos-vm");
    await form.locator('input[type="file"]').setInputFiles(archive);
    await expect(form.getByTestId("archive-chosen").textContent()).resolves.toMatch(/^sosreport archive sosreport-vm-2026-12-01-abcdefg\.tar\.xz \(\d+ KiB\): read on the server$/);
    if (shots) await page.screenshot({ path: path.join(shots, "import-sosreport.png"), fullPage: true });
    await form.getByRole("button", { name: "Analyse" }).click();
    await page.waitForURL(/\/hosts\/\d+$/);
    await page.getByText("tcp_tw_recycle in the sysctl files of a kernel without it").first().waitFor();
    if (shots) await page.screenshot({ path: path.join(shots, "import-sosreport-host.png"), fullPage: true });
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const detail = await (await app.api(`/api/hosts/${id}`)).json() as { latest: { timeWait: { total: number; server: number; client: number } } };
    expect(detail.latest.timeWait).toMatchObject({ total: 50, server: 26, client: 24 });
    await context.close();
  });
});

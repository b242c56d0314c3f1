import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labBundleAt } from "../support/fixtures";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { buildApp, startApp, type RunningApp } from "../support/next-app";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-e2e-fleet-"));

const runnable = chromiumAvailable();
if (!runnable) console.warn("skipping the fleet browser test: it needs Debian's chromium");

// Hosts from pasted bundles, so the fleet page runs without the lab (tests/e2e/dashboard.test.ts has it with the lab).
describe.runIf(runnable)("the fleet page in Chromium, from pasted bundles", { timeout: 90_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  const upload = async (host: string, file: string, agoSeconds: number) => {
    const res = await app.api(`/api/bundles?name=${host}`, { method: "POST", body: labBundleAt(file, agoSeconds), headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(201);
  };
  const open = async (url: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await app.signIn(context);
    const page = await context.newPage();
    await page.goto(`${app.base}${url}`);
    await page.locator("html[data-hydrated]").waitFor();
    return page;
  };
  const worstOf = (page: Page, host: string) => page.locator(`tr[data-host="${host}"] [data-field="worst"]`).innerText();
  const rows = (page: Page) => page.locator("tbody tr").evaluateAll((trs) => trs.map((r) => r.getAttribute("data-host")).sort());

  beforeAll(async () => {
    buildApp();
    app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off" });
    await upload("exhausted", "client-port-exhaustion.txt", 120);
    await upload("exhausted", "client-port-exhaustion.later.txt", 60);
    await upload("calm", "keepalive-healthy.txt", 60);
    await upload("overflowing", "tw-bucket-overflow.txt", 60);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists each host with its worst finding and TIME_WAIT, and filters by severity", async () => {
    const page = await open("/");
    await expect(worstOf(page, "exhausted")).resolves.toMatch(/CRITICAL\s+Local ports to 198\.18\.0\.10:8080 exhausted/);
    await expect(worstOf(page, "calm")).resolves.toMatch(/INFO\s+No TIME_WAIT problem found/);
    await expect(page.locator('tr[data-host="exhausted"] [data-field="tw"]').innerText()).resolves.toBe("1,000");
    await page.getByLabel("Filter by severity").selectOption("critical");
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/severity=critical/);
    await expect.poll(() => rows(page)).toEqual(["exhausted", "overflowing"]);
    await page.context().close();
  });

  it("freezes the same rows into a fleet snapshot that a signed-out browser opens", async () => {
    const res = await app.api("/api/snapshots", { method: "POST", body: JSON.stringify({ kind: "fleet", expiresInDays: 1 }) });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.base}${url}`);
    await page.locator("html[data-hydrated]").waitFor();
    await expect(worstOf(page, "exhausted")).resolves.toMatch(/CRITICAL\s+Local ports to 198\.18\.0\.10:8080 exhausted/);
    await expect(rows(page)).resolves.toEqual(["calm", "exhausted", "localhost", "overflowing"]);
    expect(await page.locator('a[href^="/hosts/"]').count()).toBe(0);
    await context.close();
  });

  it("shows a host's newer sample on the open page at its next refresh", async () => {
    const page = await open("/");
    await expect(worstOf(page, "calm")).resolves.toMatch(/No TIME_WAIT problem found/);
    await upload("calm", "client-port-exhaustion.txt", 0);
    await expect.poll(() => worstOf(page, "calm"), { timeout: 30_000 }).toMatch(/CRITICAL\s+Local ports to 198\.18\.0\.10:8080 exhausted/);
    await page.context().close();
  });
});

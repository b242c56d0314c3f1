import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { pasteBundle } from "../support/next-app";
import { labBundleAt, readFixture } from "../support/fixtures";

const shots = process.env.TWSCOPE_SCREENSHOTS;

const runnable = chromiumRunnable("the host verdict browser test");

/** `uname -r` and `sysctl net` of a captured plain bundle: settings, no TIME_WAIT count. */
function settingsOnly(): string {
  const full = readFixture("plain", "host-full.txt");
  const part = (heading: string) => full.slice(full.indexOf(`### ${heading}\n`)).split(/^(?=### )/m)[0]!;
  return part("uname -r") + part("sysctl net");
}

describe.runIf(runnable)("the host page's verdict and coverage in Chromium", { timeout: 90_000 }, () => {
  const ids: Record<string, number> = {};
  const { app, open: openPage } = useBrowserApp({
    name: "verdict",
    env: { TWSCOPE_POLLER: "off" },
    ready: async () => {
      await upload("settings-only", settingsOnly());
      await upload("sockets-only", readFixture("plain", "netns-netstat.txt"));
      await upload("web", labBundleAt("web-active-close.txt", 30));
    },
  });

  const upload = async (host: string, body: string) => {
    ids[host] = await pasteBundle(app, host, body);
  };
  const open = async (host: string): Promise<Page> => {
    const page = await openPage(`/hosts/${ids[host]}`);
    await page.locator("[data-verdict]").waitFor();
    return page;
  };

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
    await expect(healthy.locator('[data-rule="healthy"] h3').innerText()).resolves.toMatch(
      /^No TIME_WAIT problem found in what was checked; \d+ of 9 checks not possible$/,
    );
    if (shots) await healthy.locator('section[aria-label="Findings"]').screenshot({ path: path.join(shots, "verdict-healthy-gaps.png") });
    const web = await open("web");
    await expect(web.locator("[data-verdict]").getAttribute("data-verdict")).resolves.toBe("warning");
    await expect(web.locator("[data-verdict] p").innerText()).resolves.toMatch(/^WARNING\s+9 of 9 checks made$/);
  });
});

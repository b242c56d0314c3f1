import fs from "node:fs";
import path from "node:path";
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { insertHost, recordPollStatus } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";
import { storeSample } from "@/server/ingest/record-sample";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { readFixture } from "../support/fixtures";
import { quickSteps } from "../support/quick-steps";
import { NO_RATES } from "../support/rates";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
const runnable = chromiumRunnable("the fleet paging browser test");

const SCENARIOS = ["client-port-exhaustion", "keepalive-healthy", "fin-timeout-myth", "web-active-close", "upstream"];
const HOSTS = 130;

/**
 * 130 SSH hosts stored as the collector stores them, more than two pages of 50: node-000 … node-129,
 * tagged "even" or "odd", five lab scenarios in turn (so every fifth host's worst finding is critical).
 * The poller is off: nothing changes after this but the clock.
 */
async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase(path.join(dataDir, "twscope.db"));
  const samples = SCENARIOS.map((s) => parseAnyBundle(readFixture("bundles", "lab", `${s}.txt`)).sample);
  const now = Date.now();
  await db.tx(async (db) => {
    for (let i = 0; i < HOSTS; i++) {
      const host = await insertHost(
        db,
        {
          name: `node-${String(i).padStart(3, "0")}`,
          address: `10.9.${i >> 8}.${i & 255}`,
          port: 22,
          username: "probe",
          authMethod: "agent",
          tags: [i % 2 ? "odd" : "even"],
          hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
        },
        now,
      );
      await storeSample(db, {
        hostId: host.id,
        at: now - 1_000,
        sample: samples[i % samples.length]!,
        rates: NO_RATES,
        bytes: 1,
        durationMs: 1,
      });
      await recordPollStatus(db, host.id, { status: "ok", error: null, at: now - 1_000 });
    }
  });
  await db.close();
}

describe.runIf(runnable)("the fleet page with more hosts than a page, in Chromium", { timeout: 120_000 }, () => {
  // Ten minutes between polls: every seeded host stays fresh for the whole file.
  const { open, pageErrors } = useBrowserApp({ name: "fleet-pages", env: { TWSCOPE_POLLER: "off", TWSCOPE_POLL_INTERVAL: "600" }, seed });

  const hostsShown = (page: Page) => page.locator("tbody tr").evaluateAll((trs) => trs.map((r) => r.getAttribute("data-host")));
  const range = (page: Page) => page.getByTestId("fleet-range").innerText();
  // Every fifth host is critical and every other one even: node-000, node-010, … node-120, by name descending.
  const criticalEven = Array.from({ length: 13 }, (_, i) => `node-${String(i * 10).padStart(3, "0")}`).reverse();
  const shoot = (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  it("shows 50 hosts a page, pages with first, previous, next and last, and keeps the page in the URL", async () => {
    const page = await open("/?sort=name&dir=asc");
    await expect(hostsShown(page)).resolves.toHaveLength(50);
    await expect(range(page)).resolves.toBe(`1–50 of ${HOSTS + 1} hosts`);
    await expect(page.getByRole("button", { name: "Previous page" }).isDisabled()).resolves.toBe(true);
    await shoot(page, "fleet-pages-1280");

    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => page.url()).toMatch(/[?&]page=2\b/);
    await expect.poll(() => hostsShown(page).then((h) => h[0])).toBe("node-049");
    await expect(range(page)).resolves.toBe(`51–100 of ${HOSTS + 1} hosts`);

    await page.getByRole("button", { name: "Last page" }).click();
    await expect.poll(() => page.url()).toMatch(/[?&]page=3\b/);
    // By name, localhost first: the last page holds node-099 … node-129.
    await expect.poll(() => hostsShown(page)).toEqual(Array.from({ length: 31 }, (_, i) => `node-${String(i + 99).padStart(3, "0")}`));
    await expect(range(page)).resolves.toBe(`101–${HOSTS + 1} of ${HOSTS + 1} hosts`);
    await expect(page.getByRole("button", { name: "Next page" }).isDisabled()).resolves.toBe(true);

    // The browser's Back returns to the page before.
    await page.goBack();
    await expect.poll(() => page.url()).toMatch(/[?&]page=2\b/);
    await expect.poll(() => hostsShown(page).then((h) => h[0])).toBe("node-049");
    await page.context().close();
  });

  it("filters and sorts on the server, and a link to the view reproduces it in another browser", async () => {
    const page = await open("/");
    await page.getByLabel("Filter by severity").selectOption("critical");
    await expect.poll(() => page.url()).toMatch(/severity=critical/);
    await page.getByLabel("Filter by tag").selectOption("even");
    await expect.poll(() => page.url()).toMatch(/tag=even/);
    await page.locator("thead").getByRole("button", { name: /^Host/ }).click();
    await expect.poll(() => page.url()).toMatch(/sort=name/);
    const expected = criticalEven;
    await expect.poll(() => hostsShown(page)).toEqual(expected);
    await expect(range(page)).resolves.toBe(`1–13 of 13 matching, ${HOSTS + 1} hosts`);
    const link = page.url();
    expect(new URL(link).searchParams.get("page")).toBeNull();

    const again = await open(new URL(link).pathname + new URL(link).search);
    await expect(hostsShown(again)).resolves.toEqual(expected);
    await expect(again.getByLabel("Filter by severity").inputValue()).resolves.toBe("critical");
    await expect(again.getByLabel("Filter by tag").inputValue()).resolves.toBe("even");
    await again.context().close();
    await page.context().close();
  });

  it("keeps every change made before the page has rendered the one before", async () => {
    const page = await open("/");
    // The router follows each new URL in a background render, and asks the server for the page too. Make the
    // three changes sooner than any render follows (a microtask apart), with the server's answers held back.
    const held: Route[] = [];
    let holding = true;
    await page.route("**/*", (route) => (holding && route.request().headers()["rsc"] ? void held.push(route) : route.continue()));
    await quickSteps(page, [
      { select: "Filter by severity", value: "critical" },
      { select: "Filter by tag", value: "even" },
      { click: "thead button", text: "Host" },
    ]);
    const asked = { severity: "critical", tag: "even", sort: "name" };
    const search = () => Object.fromEntries(new URL(page.url()).searchParams);
    expect(search()).toEqual(asked);
    await expect.poll(() => hostsShown(page)).toEqual(criticalEven);
    await expect(page.getByLabel("Filter by severity").inputValue()).resolves.toBe("critical");
    await expect(page.getByLabel("Filter by tag").inputValue()).resolves.toBe("even");
    expect(held.length, "the router asked the server for the new URLs").toBeGreaterThan(0);

    // The server's late answers change nothing that was asked for.
    holding = false;
    const answered = held.map((route) => page.waitForResponse((r) => r.request() === route.request()));
    for (const route of held) await route.continue();
    await Promise.all(answered);
    await expect.poll(() => page.evaluate(() => document.querySelectorAll("[aria-busy=true]").length)).toBe(0);
    expect(search()).toEqual(asked);
    await expect(hostsShown(page)).resolves.toEqual(criticalEven);
    await page.context().close();
  });

  it("searches once typing pauses, and says which filter matched nothing, with a way back", async () => {
    const page = await open("/?page=2");
    await page.getByLabel("Search").fill("node-12");
    await expect.poll(() => page.url()).toMatch(/q=node-12/);
    // A search starts again at page 1.
    expect(new URL(page.url()).searchParams.get("page")).toBeNull();
    await expect.poll(() => hostsShown(page).then((h) => [...h].sort())).toEqual(Array.from({ length: 10 }, (_, i) => `node-12${i}`));

    await page.getByLabel("Search").fill("no-such-host");
    await expect(page.getByTestId("fleet-no-match").innerText()).resolves.toMatch(
      /^No host matches search “no-such-host”\. Clear filters$/,
    );
    await page.getByTestId("fleet-no-match").getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    await expect.poll(() => hostsShown(page).then((h) => h.length)).toBe(50);
    await expect(page.getByLabel("Search").inputValue()).resolves.toBe("");
    await page.context().close();
  });

  it("answers a page past the last one with a way to the last page", async () => {
    const page = await open("/?page=9");
    await expect(page.getByTestId("fleet-no-match").innerText()).resolves.toMatch(/^Page 9 is past the last page\. Go to page 3$/);
    await page.getByRole("button", { name: "Go to page 3" }).click();
    await expect.poll(() => page.url()).toMatch(/[?&]page=3\b/);
    await expect.poll(() => hostsShown(page).then((h) => h.length)).toBe(31);
    await page.context().close();
  });

  it("pages with the keyboard alone", async () => {
    const page = await open("/?sort=name&dir=asc");
    await page.getByRole("button", { name: "Next page" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toMatch(/[?&]page=2\b/);
    await expect.poll(() => hostsShown(page).then((h) => h[0])).toBe("node-049");
    await page.context().close();
  });

  it("shows cards and the pager on a 390 px phone, without sideways scroll", async () => {
    const page = await open("/?sort=name&dir=asc&page=2", { viewport: { width: 390, height: 844 } });
    await expect(hostsShown(page)).resolves.toHaveLength(50);
    for (const name of ["Previous page", "Next page", "First page", "Last page"]) {
      await expect(page.getByRole("button", { name }).isVisible(), name).resolves.toBe(true);
    }
    await expect(page.locator('tr[data-host="node-060"] [data-field="tw"]').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).resolves.toBeLessThanOrEqual(0);
    await shoot(page, "fleet-pages-390");
    await page.context().close();
  });

  // Last: it reads what every test above opened.
  it("rendered every page above without a console error", () => {
    expect(pageErrors).toEqual([]);
  });
});

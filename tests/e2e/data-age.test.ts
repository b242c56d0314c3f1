import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { computeRates, readingOf } from "@/lib/sample/rates";
import { timeWaitNow } from "@/lib/sample/facts";
import { insertHost, recordPollStatus } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";
import { storeSample } from "@/server/ingest/record-sample";
import { labBundleAt, readFixture } from "../support/fixtures";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { pasteBundle } from "../support/next-app";

// Set to a folder to keep the pages this test looks at as PNGs.
const shots = process.env.TWSCOPE_SCREENSHOT_DIR;

const runnable = chromiumRunnable("the data-age browser test");

const sampleOf = (scenario: string) => parseAnyBundle(readFixture("bundles", "lab", `${scenario}.txt`)).sample;
const FRESH = sampleOf("web-active-close");
const STALE = sampleOf("client-port-exhaustion");
const count = (sample: typeof FRESH) => (timeWaitNow(sample) ?? 0).toLocaleString("en-US");

/**
 * Two SSH hosts stored as the collector stores them: "live-web" polled a moment ago, "gone-db" whose last
 * sample is 2 hours old and whose polls fail since. The poller is off, so nothing changes after this.
 */
async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase(path.join(dataDir, "twscope.db"));
  const now = Date.now();
  const add = async (name: string, sample: typeof FRESH, at: number) => {
    const host = await insertHost(
      db,
      {
        name,
        address: "127.0.0.1",
        port: 1,
        username: "probe",
        authMethod: "agent",
        tags: ["age"],
        hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
      },
      at,
    );
    await storeSample(db, { hostId: host.id, at, sample, rates: computeRates(null, readingOf(sample, at)), bytes: 1, durationMs: 1 });
    await recordPollStatus(db, host.id, { status: "ok", error: null, at });
    return host;
  };
  await add("live-web", FRESH, now - 2_000);
  const gone = await add("gone-db", STALE, now - 2 * 3_600_000);
  await recordPollStatus(db, gone.id, { status: "unreachable", error: "connect ECONNREFUSED 127.0.0.1:1", at: now - 5_000 });
  await db.close();
}

describe.runIf(runnable)("data age in Chromium: ticking times, stale hosts, bundles, snapshots, phones", { timeout: 90_000 }, () => {
  // consoleErrors: the console errors of every page opened, hydration mismatches among them (server and browser render times differently).
  const {
    app,
    open,
    pageErrors: consoleErrors,
  } = useBrowserApp({
    name: "age",
    // 10 minutes between polls: "live-web" stays fresh (≤ 3 intervals, 30 min) for the whole file, "gone-db" is stale.
    env: { TWSCOPE_POLLER: "off", TWSCOPE_POLL_INTERVAL: "600" },
    seed,
    ready: async (app) => {
      await pasteBundle(app, "pasted", labBundleAt("tw-bucket-overflow.txt", 540));
    },
  });
  const row = (page: Page, host: string) => page.locator(`tr[data-host="${host}"]`);
  const shoot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };
  const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const tableOverflow = (page: Page) => page.locator("table").evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);

  it("greys a stale host with the time of its figures and leaves it and the bundle out of the tiles' totals", async () => {
    const page = await open("/");
    await expect(row(page, "gone-db").getAttribute("data-freshness")).resolves.toBe("stale");
    await expect(row(page, "live-web").getAttribute("data-freshness")).resolves.toBe("fresh");
    await expect(row(page, "pasted").getAttribute("data-freshness")).resolves.toBe("bundle");
    const opacity = (host: string) =>
      row(page, host)
        .locator('[data-field="tw"]')
        .evaluate((e) => Number(getComputedStyle(e).opacity));
    await expect(opacity("gone-db")).resolves.toBeLessThan(1);
    await expect(opacity("live-web")).resolves.toBe(1);
    await expect(row(page, "gone-db").locator('[data-freshness-note="stale"]').innerText()).resolves.toMatch(
      /^as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+$/,
    );
    await expect(row(page, "pasted").locator('[data-freshness-note="bundle"]').innerText()).resolves.toMatch(/^bundle pasted \d+ s ago$/);
    // The stale host still shows its last figures, only marked.
    await expect(row(page, "gone-db").locator('[data-field="tw"]').innerText()).resolves.toBe(count(STALE));

    await expect(page.getByTestId("total-tw").innerText()).resolves.toBe(count(FRESH));
    await expect(page.getByTestId("total-critical").innerText()).resolves.toBe("0");
    await expect(page.getByTestId("total-warning").innerText()).resolves.toBe("1");
    await expect(page.getByTestId("totals-left-out").innerText()).resolves.toMatch(/1 stale host and 1 pasted bundle not counted/);
    await expect(page.locator('[data-finding-host="gone-db"]').first().innerText()).resolves.toMatch(
      /^gone-db \(sample 2 h( \d+ min)? old\)$/,
    );
    await expect(tableOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await shoot(page, "fleet-stale-desktop");

    await page.getByRole("button", { name: "show stale hosts" }).click();
    await expect.poll(() => page.url()).toMatch(/status=stale/);
    await expect
      .poll(() => page.locator("tbody tr").evaluateAll((trs) => trs.map((r) => r.getAttribute("data-host"))))
      .toEqual(["gone-db"]);
    await page.context().close();
  });

  it("counts a relative time on by itself, with no new data", async () => {
    // Pasted just before the page opens, so its times are under a minute old and tick each second.
    await pasteBundle(app, "ticking", labBundleAt("upstream.txt", 0));
    // The poller is off and nothing is pasted after this: the page's refetches bring the same data, so only the clock can change the text.
    const page = await open("/");
    const ago = row(page, "ticking").locator('[data-field="last-poll"] time');
    const first = await ago.innerText();
    expect(first).toMatch(/^\d+ s ago$/);
    await page.waitForFunction(([el, before]) => (el as HTMLElement).innerText !== before, [await ago.elementHandle(), first] as const, {
      timeout: 10_000,
    });
    const later = await ago.innerText();
    expect(later === "1 min ago" || Number(later.split(" ")[0]) > Number(first.split(" ")[0])).toBe(true);
    await expect(row(page, "ticking").locator('[data-freshness-note="bundle"]').innerText()).resolves.toMatch(
      /^bundle pasted (\d+ s|1 min) ago$/,
    );
    await page.context().close();
  });

  it("says on the host page that the diagnosis comes from an old sample, and greys its figures", async () => {
    const page = await open("/");
    await row(page, "gone-db").getByRole("link", { name: "gone-db" }).click();
    const tiles = page.getByTestId("host-tiles");
    await expect(tiles.getAttribute("data-freshness")).resolves.toBe("stale");
    await expect(page.getByTestId("sample-age").innerText()).resolves.toMatch(
      /^stale: as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \(2 h ago\)$/,
    );
    await expect(page.getByText("TIME_WAIT now").count()).resolves.toBe(0);
    await expect(page.getByTestId("sample-age-banner").innerText()).resolves.toMatch(/This diagnosis comes from a sample taken 2 h ago/);
    await shoot(page, "host-stale-desktop");
    await page.context().close();
  });

  it("shows a snapshot's times in the viewer's zone with the zone named, and ages at capture, never 'ago'", async () => {
    const res = await app.api("/api/snapshots", { method: "POST", body: JSON.stringify({ kind: "fleet", expiresInDays: 1 }) });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const page = await open(url, { signedIn: false, timezoneId: "Europe/Berlin" });
    await expect(page.getByTestId("snapshot-banner").innerText()).resolves.toMatch(
      /taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET by e2e-admin,\s+expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET/,
    );
    await expect(row(page, "live-web").locator('[data-field="last-poll"]').innerText()).resolves.toMatch(
      /\d{4}-\d\d-\d\d \d\d:\d\d CET · \d+ (s|min) before capture/,
    );
    await expect(row(page, "gone-db").getAttribute("data-freshness")).resolves.toBe("stale");
    await expect(page.getByTestId("total-tw").innerText()).resolves.toBe(count(FRESH));
    expect(await page.locator("main").innerText()).not.toMatch(/\bago\b/);
    await expect(tableOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await shoot(page, "snapshot-fleet-berlin");
    await page.context().close();

    // A host snapshot judges the sample's age at capture and writes it out.
    const { hosts } = (await (await app.api("/api/hosts")).json()) as { hosts: { id: number; name: string }[] };
    const created = await app.api("/api/snapshots", {
      method: "POST",
      body: JSON.stringify({ kind: "host", hostId: hosts.find((h) => h.name === "gone-db")!.id, range: "1h" }),
    });
    const host = await open(((await created.json()) as { url: string }).url, { signedIn: false, timezoneId: "Europe/Berlin" });
    await expect(host.getByTestId("sample-age").innerText()).resolves.toMatch(
      /^stale: as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET · sampled 2 h( \d+ min)? before capture$/,
    );
    await expect(host.getByTestId("sample-age-banner").innerText()).resolves.toMatch(
      /comes from a sample taken 2 h( \d+ min)? before capture \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET\)/,
    );
    await expect(host.locator('header [data-field="last-poll"]').innerText()).resolves.toMatch(
      /^last poll \d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET · \d+ (s|min) before capture$/,
    );
    expect(await host.locator("main").innerText()).not.toMatch(/\bago\b/);
    await shoot(host, "snapshot-host-berlin");
    await host.context().close();
  });

  it("writes audit times and the timestamps in audit details as dates in the viewer's zone", async () => {
    const page = await open("/audit", { timezoneId: "Europe/Berlin" });
    const entry = page.locator('tr[data-action="snapshot.create"]').first();
    const text = await entry.innerText();
    expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET/);
    expect(text).toMatch(/expiresAt: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d CET/);
    expect(text).not.toMatch(/\d{13}/);
    await page.context().close();
  });

  it("shows status, host, worst finding, TIME_WAIT with its age and last poll on a 390 px phone, without sideways scroll", async () => {
    const page = await open("/", { viewport: { width: 390, height: 844 } });
    for (const host of ["live-web", "gone-db", "pasted"]) {
      for (const field of ["[data-status]", "a", '[data-field="worst"]', '[data-field="tw"]', '[data-field="last-poll"]']) {
        await expect(row(page, host).locator(field).first().isVisible(), `${host} ${field}`).resolves.toBe(true);
      }
    }
    await expect(row(page, "gone-db").locator('[data-freshness-note="stale"]').isVisible()).resolves.toBe(true);
    await expect(sidewaysScroll(page)).resolves.toBeLessThanOrEqual(0);
    await shoot(page, "fleet-stale-390");
    await page.context().close();
  });

  it("shows each snapshot's title, state, expiry and revoke button on a 390 px phone", async () => {
    const page = await open("/snapshots", { viewport: { width: 390, height: 844 } });
    const card = page.locator("tr[data-snapshot]", { has: page.getByText("Fleet", { exact: true }) });
    await expect(card.locator('[data-field="state"]').innerText()).resolves.toBe("live");
    await expect(card.locator('[data-field="expires"]').innerText()).resolves.toMatch(/^expires \d{4}-\d\d-\d\d \d\d:\d\d \S+$/);
    await expect(card.getByText("Fleet", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole("button", { name: /^Revoke snapshot/ }).isVisible()).resolves.toBe(true);
    await expect(sidewaysScroll(page)).resolves.toBeLessThanOrEqual(0);
    await shoot(page, "snapshots-390");
    await page.context().close();
  });

  // Last: it reads what every test above opened.
  it("rendered every page above without a console error", () => {
    expect(consoleErrors).toEqual([]);
  });
});

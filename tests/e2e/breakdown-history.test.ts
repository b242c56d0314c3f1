import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { BreakdownSeriesDto } from "@/lib/dto";
import { insertBundleHost } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";
import { storeSample } from "@/server/ingest/record-sample";
import { sampleWithBreakdowns } from "../support/breakdown-samples";
import { NO_RATES } from "../support/rates";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";

const MINUTE = 60_000;
const STEADY = "10.0.0.1:5432";
const CHURNING = "198.18.0.10:8080";

const runnable = chromiumRunnable("the breakdown history browser test");

/**
 * An hour of 15 s samples stored by the collector's own insertSample: one steady destination
 * throughout, and one that starts churning 30 minutes ago; and a host without TIME_WAIT.
 */
async function seedHosts(dataDir: string): Promise<{ id: number; quietId: number }> {
  const db = await openDatabase(path.join(dataDir, "twscope.db"));
  const id = (await insertBundleHost(db, "churning")).id;
  const quietId = (await insertBundleHost(db, "quiet")).id;
  const now = Date.now();
  await storeSample(db, {
    hostId: quietId,
    at: now - MINUTE,
    sample: sampleWithBreakdowns({}, {}),
    rates: NO_RATES,
    bytes: 1,
    durationMs: 1,
  });
  await db.tx(async (db) => {
    for (let t = now - 59 * MINUTE; t <= now; t += 15_000) {
      const churning = t >= now - 30 * MINUTE;
      const peers: Record<string, number> = churning ? { [STEADY]: 40, [CHURNING]: 800 + Math.round((t / 15_000) % 50) } : { [STEADY]: 40 };
      await storeSample(db, {
        hostId: id,
        at: t,
        sample: sampleWithBreakdowns({ 443: 120 }, peers),
        rates: NO_RATES,
        bytes: 1,
        durationMs: 1,
      });
    }
  });
  await db.close();
  return { id, quietId };
}

/** Where a line starts and ends, as a share of the x-axis (0 = the range's start, 1 = now). */
async function lineSpan(page: Page, chart: string, index: number): Promise<{ start: number; end: number }> {
  return page.locator(`${chart} .breakdown-line-${index} path.recharts-line-curve`).evaluate((el, axisSelector) => {
    const xs = [...(el.getAttribute("d") ?? "").matchAll(/[ML]\s*(-?[\d.]+)[ ,]/g)].map((m) => Number(m[1]));
    const axis = document.querySelector(axisSelector)!;
    const [x1, x2] = [Number(axis.getAttribute("x1")), Number(axis.getAttribute("x2"))];
    return { start: (Math.min(...xs) - x1) / (x2 - x1), end: (Math.max(...xs) - x1) / (x2 - x1) };
  }, `${chart} .recharts-xAxis line.recharts-cartesian-axis-line`);
}

describe.runIf(runnable)("TIME_WAIT per destination over time on the host page, in Chromium", { timeout: 90_000 }, () => {
  let hostId: number;
  let quietId: number;
  const { app, open } = useBrowserApp({
    name: "breakdowns",
    env: { TWSCOPE_POLLER: "off" },
    seed: async (dataDir) => {
      ({ id: hostId, quietId } = await seedHosts(dataDir));
    },
  });
  const viewport = { width: 1280, height: 1400 };

  it("draws a destination that starts churning mid-range as its own line from that time", async () => {
    const order = (await (await app.api(`/api/hosts/${hostId}/breakdown-series?range=1h&kind=peer`)).json()) as BreakdownSeriesDto;
    expect(order.keys.map((k) => k.key)).toEqual([CHURNING, STEADY]);

    const page = await open(`/hosts/${hostId}?tab=sockets&range=1h`, { viewport });
    const peers = '[data-testid="chart-breakdown-peer"]';
    await page.locator(`${peers} .breakdown-line-1 path.recharts-line-curve`).waitFor({ state: "attached" });

    await expect(page.locator(`${peers} .recharts-legend-wrapper`).innerText()).resolves.toMatch(
      new RegExp(`${CHURNING}[\\s\\S]*${STEADY}`),
    );
    await expect(page.locator('[data-testid="chart-breakdown-port"] .recharts-legend-wrapper').innerText()).resolves.toContain("port 443");
    const axes = await page.locator(peers).innerText();
    expect(axes).toMatch(/^time \([A-Z][\w+-]*\)$/m);
    expect(axes).toMatch(/^sockets$/m);

    const churning = await lineSpan(page, peers, 0);
    const steady = await lineSpan(page, peers, 1);
    expect(steady.start).toBeLessThan(0.05);
    expect(churning.start).toBeGreaterThan(0.45);
    expect(churning.start).toBeLessThan(0.55);
    expect(churning.end).toBeGreaterThan(0.97);

    const box = (await page.locator(`${peers} svg.recharts-surface[role="application"]`).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    const tooltip = page.locator(`${peers} .recharts-tooltip-wrapper`);
    await expect.poll(() => tooltip.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`${CHURNING}\\s+8\\d\\d[\\s\\S]*${STEADY}\\s+40`));

    await page.locator(peers).screenshot({ path: path.join(os.tmpdir(), "twscope-breakdown-history.png") });
    await page.screenshot({ path: path.join(os.tmpdir(), "twscope-breakdown-history-page.png"), fullPage: true });
    await page.context().close();
  });

  it("freezes the history into a redacted snapshot that shows the churning destination under its pseudonym", async () => {
    const res = await app.api("/api/snapshots", {
      method: "POST",
      body: JSON.stringify({ kind: "host", hostId, range: "1h", redact: true, expiresInDays: 1 }),
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const page = await open(url, { viewport, signedIn: false });
    await page.getByRole("tab", { name: "sockets" }).click();
    const peers = '[data-testid="chart-breakdown-peer"]';
    await page.locator(`${peers} .breakdown-line-1 path.recharts-line-curve`).waitFor({ state: "attached" });
    const legend = await page.locator(`${peers} .recharts-legend-wrapper`).innerText();
    expect(legend).toMatch(/host-[A-Z]+:8080[\s\S]*host-[A-Z]+:5432/);
    expect(await page.content()).not.toContain("198.18.0.10");
    expect((await lineSpan(page, peers, 0)).start).toBeGreaterThan(0.45);
    await page.locator(peers).screenshot({ path: path.join(os.tmpdir(), "twscope-breakdown-history-snapshot.png") });
    await page.context().close();
  });

  it("says so where a host has no TIME_WAIT per port or destination in the range", async () => {
    const page = await open(`/hosts/${quietId}?tab=sockets`, { viewport });
    await expect
      .poll(() => page.getByTestId("chart-breakdown-port").innerText(), { timeout: 10_000 })
      .toBe("No TIME_WAIT on a listening port in this range.");
    await expect
      .poll(() => page.getByTestId("chart-breakdown-peer").innerText(), { timeout: 10_000 })
      .toBe("No TIME_WAIT toward a destination in this range.");
    await page.context().close();
  });
});

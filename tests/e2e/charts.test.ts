import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { SeriesDto } from "@/lib/dto";
import { insertHost, recordPollStatus } from "@/server/db/hosts";
import { openDatabase, type Db } from "@/server/db/open-database";
import { rollUp } from "@/server/db/rollups";
import { storeSample } from "@/server/ingest/record-sample";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { readFixture } from "../support/fixtures";
import { quickSteps } from "../support/quick-steps";
import { NO_RATES } from "../support/rates";

const shots = path.join("test-results", "screenshots");
const runnable = chromiumRunnable("the chart browser test");

const MIN = 60_000;
const HOUR = 60 * MIN;
// 30 s polls: a 24 h point (86.4 s) always merges two or three of them, the spike's too.
const POLL = 30_000;
const NOW = Date.now();
const SPIKE_AT = NOW - 20 * HOUR;
const OUTAGE = { from: NOW - 6 * HOUR, to: NOW - 4 * HOUR };
const SYSCTL_AT = NOW - 30 * MIN;
const SEEN_KEY = "SHA256:2Rk0nAyUjpRU2nkjQh9dwQ5vLw0jPpH9WtxxJbzpjC8";

/**
 * Two days of 30-second polls through the storage functions the collector uses: about 1,000
 * TIME_WAIT, one poll of 4,033, two hours unreachable, and tcp_tw_reuse set from 2 to 1.
 */
async function seedHistory(db: Db): Promise<{ spiky: number; recent: number }> {
  const sample = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
  const spiky = (
    await insertHost(
      db,
      { name: "spiky", address: "127.0.0.1", port: 22, username: "u", authMethod: "agent", tags: [], hostKeyFingerprint: SEEN_KEY },
      NOW - 48 * HOUR,
    )
  ).id;
  const recent = (
    await insertHost(
      db,
      { name: "recent", address: "127.0.0.1", port: 22, username: "u", authMethod: "agent", tags: [], hostKeyFingerprint: SEEN_KEY },
      NOW - 10 * MIN,
    )
  ).id;
  await db.tx(async (db) => {
    for (let at = NOW - 48 * HOUR; at < NOW; at += POLL) {
      if (at >= OUTAGE.from && at < OUTAGE.to) continue;
      sample.sockstat.tcpTw = at === SPIKE_AT ? 4033 : 1000 + Math.round(40 * Math.sin(at / HOUR));
      sample.sysctls["net.ipv4.tcp_tw_reuse"] = at < SYSCTL_AT ? "2" : "1";
      await storeSample(db, {
        hostId: spiky,
        at,
        sample,
        rates: { ...NO_RATES, twPerSec: at === SPIKE_AT ? 50 : 10 + (Math.round(at / POLL) % 7) },
        bytes: 1,
        durationMs: 1,
      });
      await recordPollStatus(db, spiky, { status: "ok", error: null, at });
      if (at + POLL >= OUTAGE.from && at < OUTAGE.from) {
        for (let fail = OUTAGE.from; fail < OUTAGE.to; fail += 5 * MIN) {
          await recordPollStatus(db, spiky, { status: "unreachable", error: "connect ECONNREFUSED 127.0.0.1:22", at: fail });
        }
      }
    }
    for (let at = NOW - 8 * MIN; at < NOW; at += POLL) {
      await storeSample(db, { hostId: recent, at, sample, rates: NO_RATES, bytes: 1, durationMs: 1 });
      await recordPollStatus(db, recent, { status: "ok", error: null, at });
    }
  });
  await rollUp(db, NOW);
  return { spiky, recent };
}

/** The y of an SVG path's highest point (smallest y), and its number of separate runs (M commands). */
async function pathShape(path: Locator): Promise<{ top: number; runs: number; xs: number[] }> {
  const d = (await path.getAttribute("d")) ?? "";
  const pairs = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  return { top: Math.min(...pairs.map(([, y]) => y)), runs: (d.match(/M/g) ?? []).length, xs: pairs.map(([x]) => x) };
}

/** The screen y of a value on the chart's y axis, from where its round ticks are drawn. */
async function yOf(chart: Locator, value: number): Promise<number> {
  const ticks = await chart
    .locator(".recharts-yAxis-tick-labels text")
    .evaluateAll((els) => els.map((text) => ({ v: Number(text.textContent!.replace(/,/g, "")), y: Number(text.getAttribute("y")) })));
  const [a, b] = [ticks[0]!, ticks.at(-1)!];
  return a.y + ((value - a.v) / (b.v - a.v)) * (b.y - a.y);
}

describe.runIf(runnable)("honest charts in Chromium", { timeout: 120_000 }, () => {
  let ids: { spiky: number; recent: number };
  const {
    app,
    open: openPage,
    pageErrors,
  } = useBrowserApp({
    name: "charts",
    env: { TWSCOPE_POLLER: "off", TWSCOPE_POLL_INTERVAL: String(POLL / 1000) },
    seed: async (dataDir) => {
      const db = await openDatabase(path.join(dataDir, "twscope.db"));
      ids = await seedHistory(db);
      await db.close();
      fs.mkdirSync(shots, { recursive: true });
    },
  });

  const open = async (url: string): Promise<Page> => {
    const page = await openPage(url, { viewport: { width: 1280, height: 1000 }, timezoneId: "Europe/Berlin" });
    await page.locator('[data-testid="chart-time-wait"] .recharts-line path.recharts-curve').first().waitFor({ state: "attached" });
    return page;
  };
  const chartOf = (page: Page) => page.getByTestId("chart-time-wait");

  for (const range of ["7d", "24h"] as const) {
    it(`shows a one-poll spike of 4,033 on the ${range} chart: the band's top reaches it`, async () => {
      const page = await open(`/hosts/${ids.spiky}?range=${range}`);
      const chart = chartOf(page);
      if (process.env.DEBUG_CHART) fs.writeFileSync(`/tmp/chart-${range}.html`, await chart.innerHTML());
      const band = await pathShape(chart.locator(".chart-band path.recharts-area-area").first());
      const average = await pathShape(chart.locator(".recharts-line path.recharts-curve").first());
      expect(band.runs).toBeGreaterThanOrEqual(1);
      expect(Math.abs(band.top - (await yOf(chart, 4033)))).toBeLessThan(2);
      // At 7d the spike's point merges about ten polls; at 24h it may be a poll of its own.
      if (range === "7d") expect(average.top).toBeGreaterThan(await yOf(chart, 2000));
      await page
        .locator("figure")
        .first()
        .screenshot({ path: path.join(shots, `chart-${range}-spike-gap.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await page
        .locator("figure")
        .first()
        .screenshot({ path: path.join(shots, `chart-${range}-phone.png`) });
      await page.context().close();
    });
  }

  it("gives the spike's min, average, max and time span in the 24h tooltip", async () => {
    const page = await open(`/hosts/${ids.spiky}?range=24h`);
    const series = (await (await app.api(`/api/hosts/${ids.spiky}/series?range=24h`)).json()) as SeriesDto;
    const spike = series.points.find((p) => p.twMax === 4033)!;
    const box = (await chartOf(page).locator(".recharts-cartesian-grid").boundingBox())!;
    const x = box.x + (((spike.t + spike.t1!) / 2 - series.from) / (series.to - series.from)) * box.width;
    // Points lie about a pixel apart at 24 h: try the pixels around the spike's x for its tooltip.
    let tip = "";
    for (let dx = -3; dx <= 3 && !/max 4,033/.test(tip); dx += 0.5) {
      await page.mouse.move(x + dx, box.y + box.height / 2);
      tip = await page.getByTestId("tooltip-time-wait").innerText();
    }
    if (process.env.DEBUG_CHART) console.log(tip);
    expect(tip).toMatch(/max 4,033/);
    expect(tip).toMatch(/min 9\d\d|min 1,0\d\d/);
    expect(tip).toMatch(/\d\d:\d\d:\d\d CET – \d\d:\d\d:\d\d CET · \d+ samples/);
    await page.context().close();
  });

  it("breaks the line over two hours of failed polls, shades them and says why", async () => {
    const page = await open(`/hosts/${ids.spiky}?range=24h`);
    const chart = chartOf(page);
    const line = await pathShape(chart.locator(".recharts-line path.recharts-curve").first());
    expect(line.runs).toBe(2);
    const shade = (await chart.locator(".chart-gap").first().boundingBox())!;
    const grid = (await chart.locator(".recharts-cartesian-grid").boundingBox())!;
    expect(shade.width / grid.width).toBeGreaterThan(0.07);
    expect(shade.width / grid.width).toBeLessThan(0.1);
    await expect(page.getByRole("list", { name: "Gaps in this range" }).innerText()).resolves.toMatch(
      /no samples .+ \(2 h 1 min\): unreachable: connect ECONNREFUSED 127\.0\.0\.1:22/,
    );
    await page.context().close();
  });

  it("spans the whole last hour on the 1h axis even for a host with 8 minutes of samples, with round ticks and units", async () => {
    const page = await open(`/hosts/${ids.recent}`);
    const chart = chartOf(page);
    const labels = await chart.locator(".recharts-xAxis-tick-labels text").allTextContents();
    expect(labels).toHaveLength(6);
    for (const l of labels) expect(l).toMatch(/^\d\d:\d0$|^\d\d-\d\d$/);
    const grid = (await chart.locator(".recharts-cartesian-grid").boundingBox())!;
    const line = (await chart.locator(".recharts-line path.recharts-curve").first().boundingBox())!;
    expect((line.x - grid.x) / grid.width).toBeGreaterThan(0.8);
    await expect(chart.innerText()).resolves.toMatch(/time \(CET\)/);
    await expect(chart.innerText()).resolves.toMatch(/sockets/);
    const yValues = (await chart.locator(".recharts-yAxis-tick-labels text").allTextContents()).map((t) => Number(t.replace(/,/g, "")));
    const step = yValues[1]!;
    expect(yValues).toEqual(yValues.map((_, i) => i * step));
    expect([1, 2, 2.5, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
    await page.context().close();
  });

  it("marks the tcp_tw_reuse change on the time axis", async () => {
    const page = await open(`/hosts/${ids.spiky}?range=1h`);
    const marker = chartOf(page).locator(".chart-event");
    await expect(marker.count()).resolves.toBe(1);
    const label = chartOf(page).locator("text.recharts-label", { hasText: "tcp_tw_reuse 2 → 1" });
    await expect(label.count()).resolves.toBe(1);
    const lineX = Number(await marker.locator("line").getAttribute("x1"));
    expect(Math.abs(Number(await label.getAttribute("x")) - lineX)).toBeLessThan(10);
    const grid = (await chartOf(page).locator(".recharts-cartesian-grid").boundingBox())!;
    const svg = (await chartOf(page).locator(".recharts-wrapper > svg.recharts-surface").boundingBox())!;
    const series = (await (await app.api(`/api/hosts/${ids.spiky}/series?range=1h`)).json()) as SeriesDto;
    const expected = (SYSCTL_AT - series.from) / (series.to - series.from);
    // The page drew its axis a moment before this series was read.
    expect(Math.abs((lineX - (grid.x - svg.x)) / grid.width - expected)).toBeLessThan(0.01);
    await expect(page.getByRole("list", { name: "Changes in this range" }).innerText()).resolves.toMatch(
      /\d\d:\d\d:\d\d CET tcp_tw_reuse 2 → 1/,
    );
    await page
      .locator("figure")
      .first()
      .screenshot({ path: path.join(shots, "chart-1h-marker.png") });
    await page.context().close();
  });
  it("keeps a range and a tab picked in quick succession, in the view and in the URL", async () => {
    const page = await open(`/hosts/${ids.spiky}`);
    await quickSteps(page, [
      { click: "button[aria-pressed]", text: "6h" },
      { click: "[role=tab]", text: "sockets" },
    ]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ range: "6h", tab: "sockets" });
    await expect(page.getByRole("tab", { name: "sockets" }).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(page.getByRole("button", { name: "6h" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.getByTestId("chart-rates").waitFor();
    await page.context().close();
  });

  it("draws the counter rates as steps, named by what each counter counts", async () => {
    const page = await open(`/hosts/${ids.spiky}?range=1h&tab=sockets`);
    const rates = page.getByTestId("chart-rates");
    const d = (await rates.locator(".recharts-line path.recharts-curve").first().getAttribute("d")) ?? "";
    const pairs = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(pairs.length).toBeGreaterThan(50);
    // A step has only level and upright segments: no ramp between two samples.
    for (let i = 1; i < pairs.length; i++) expect(pairs[i]![0] === pairs[i - 1]![0] || pairs[i]![1] === pairs[i - 1]![1]).toBe(true);
    const legend = await rates.locator(".recharts-legend-wrapper").innerText();
    for (const name of ["entered TIME_WAIT/s", "TIME_WAIT ports reused/s", "not kept, table full/s"]) expect(legend).toContain(name);
    expect(legend).not.toMatch(/finished/);
    await rates.locator("xpath=ancestor::figure").screenshot({ path: path.join(shots, "chart-rates-1h.png") });
    await expect(page.getByTestId("rates-explanation").innerText()).resolves.toMatch(/sockets entering TIME_WAIT \(TcpExt TW\)/);
    await expect(rates.innerText()).resolves.toMatch(/per second/);
    await page.context().close();
  });

  it("freezes the band, the gap and the changes into a snapshot, which draws them the same", async () => {
    const res = await app.api("/api/snapshots", {
      method: "POST",
      body: JSON.stringify({ kind: "host", hostId: ids.spiky, range: "24h" }),
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const page = await open(new URL(url, app.base).pathname);
    const chart = chartOf(page);
    const band = await pathShape(chart.locator(".chart-band path.recharts-area-area").first());
    expect(Math.abs(band.top - (await yOf(chart, 4033)))).toBeLessThan(2);
    // The outage, and after it the minutes since seeding with the poller off.
    await expect(chart.locator(".chart-gap").count()).resolves.toBeGreaterThanOrEqual(1);
    expect((await pathShape(chart.locator(".recharts-line path.recharts-curve").first())).runs).toBe(2);
    await expect(page.getByRole("list", { name: "Changes in this range" }).innerText()).resolves.toMatch(/tcp_tw_reuse 2 → 1/);
    await expect(page.getByRole("list", { name: "Gaps in this range" }).innerText()).resolves.toMatch(/unreachable: connect ECONNREFUSED/);
    await page.context().close();
  });

  it("names the host in the tab's title, and words gaps and changes in Chinese for a zh-CN reader", async () => {
    const en = await open(`/hosts/${ids.spiky}?range=24h`);
    await expect(en.title()).resolves.toBe("spiky · Host · twscope");
    await en.context().close();
    const page = await openPage(`/hosts/${ids.spiky}?range=24h`, {
      viewport: { width: 1280, height: 1000 },
      timezoneId: "Europe/Berlin",
      locale: "zh-CN",
    });
    await page.locator('[data-testid="chart-time-wait"] .recharts-line path.recharts-curve').first().waitFor({ state: "attached" });
    await expect(page.title()).resolves.toBe("spiky · 主机 · twscope");
    await expect(page.getByRole("list", { name: "此时间范围内的采样中断" }).innerText()).resolves.toMatch(
      /无采样 .+：无法连接：connect ECONNREFUSED 127\.0\.0\.1:22/,
    );
    await expect(page.getByRole("list", { name: "此时间范围内的变更" }).innerText()).resolves.toMatch(/tcp_tw_reuse 2 → 1/);
    await expect(chartOf(page).locator("text.recharts-label", { hasText: "无法连接" }).count()).resolves.toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it("rendered every page above without a script or hydration error", () => {
    expect(pageErrors).toEqual([]);
  });
});

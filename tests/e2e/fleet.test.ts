import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { pasteBundle } from "../support/next-app";
import { labBundleAt } from "../support/fixtures";

const runnable = chromiumRunnable("the fleet browser test");

// Hosts from pasted bundles, so the fleet page runs without the lab (tests/e2e/dashboard.test.ts has it with the lab).
describe.runIf(runnable)("the fleet page in Chromium, from pasted bundles", { timeout: 90_000 }, () => {
  const { app, open, pageErrors } = useBrowserApp({
    name: "fleet",
    env: { TWSCOPE_POLLER: "off" },
    ready: async () => {
      await upload("exhausted", "client-port-exhaustion.txt", 120);
      await upload("exhausted", "client-port-exhaustion.later.txt", 60);
      await upload("calm", "keepalive-healthy.txt", 60);
      await upload("overflowing", "tw-bucket-overflow.txt", 60);
    },
  });

  const upload = (host: string, file: string, agoSeconds: number) => pasteBundle(app, host, labBundleAt(file, agoSeconds));
  const worstOf = (page: Page, host: string) => page.locator(`tr[data-host="${host}"] [data-field="worst"]`).innerText();
  const rows = (page: Page) => page.locator("tbody tr").evaluateAll((trs) => trs.map((r) => r.getAttribute("data-host")).sort());

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
    const page = await open(url, { signedIn: false });
    await expect(worstOf(page, "exhausted")).resolves.toMatch(/CRITICAL\s+Local ports to 198\.18\.0\.10:8080 exhausted/);
    await expect(rows(page)).resolves.toEqual(["calm", "exhausted", "localhost", "overflowing"]);
    expect(await page.locator('a[href^="/hosts/"]').count()).toBe(0);
    await page.context().close();
  });

  it("reads in Chinese for a zh-CN browser, the fleet page and its share link alike, times with their zone named", async () => {
    const page = await open("/", { locale: "zh-CN" });
    await expect(page.getByRole("heading", { name: "主机总览" }).count()).resolves.toBe(1);
    await expect(page.getByText("有严重诊断发现的主机").count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="fleet-range"]').innerText()).resolves.toMatch(/^第 1–\d+ 台，共 \d+ 台主机$/);
    await expect(page.locator('tr[data-host="exhausted"] [data-field="worst"]').innerText()).resolves.toMatch(/^严重/);
    await page.getByLabel("按严重程度筛选").selectOption("critical");
    await expect.poll(() => rows(page)).toEqual(["exhausted", "overflowing"]);
    await page.context().close();

    const res = await app.api("/api/snapshots", { method: "POST", body: JSON.stringify({ kind: "fleet", expiresInDays: 1 }) });
    const { url } = (await res.json()) as { url: string };
    const shared = await open(url, { signedIn: false, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const banner = shared.getByTestId("snapshot-banner");
    await expect(banner.innerText()).resolves.toMatch(/^只读快照：全部主机，由 \S+ 于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\+8 拍摄/);
    await expect(shared.getByText("数据冻结于快照拍摄时。").count()).resolves.toBe(1);
    await shared.context().close();
    expect(pageErrors.filter((e) => /MISSING_MESSAGE|INSUFFICIENT_PATH|FORMATTING_ERROR/.test(e))).toEqual([]);
  });

  it("shows a host's newer sample on the open page at its next refresh", async () => {
    const page = await open("/");
    await expect(worstOf(page, "calm")).resolves.toMatch(/No TIME_WAIT problem found/);
    await upload("calm", "client-port-exhaustion.txt", 0);
    await expect.poll(() => worstOf(page, "calm"), { timeout: 30_000 }).toMatch(/CRITICAL\s+Local ports to 198\.18\.0\.10:8080 exhausted/);
    await page.context().close();
  });
});

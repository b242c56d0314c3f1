import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";

const runnable = chromiumRunnable("the Prometheus page browser test");

describe.runIf(runnable)("the Prometheus page in Chromium", { timeout: 90_000 }, () => {
  const { app, open, pageErrors } = useBrowserApp({ name: "prometheus", env: { TWSCOPE_POLLER: "off" } });

  it("creates a token, shows it once inside a scrape_config that scrapes, and revokes it", async () => {
    const page = await open("/");
    await page.getByRole("link", { name: "Prometheus" }).click();
    await page.getByRole("heading", { name: "Prometheus" }).waitFor();
    await page.getByLabel("Name").fill("prom-e2e");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.locator("[data-token-value]").innerText()).trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const yaml = await page.locator("pre").innerText();
    expect(yaml).toContain(`credentials: "${token}"`);
    expect(yaml).toContain(`targets: ["${new URL(app.base).host}"]`);
    await page.locator('tr[data-token="prom-e2e"]').waitFor();
    expect((await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    await page.reload();
    await page.locator("html[data-hydrated]").waitFor();
    const row = page.locator('tr[data-token="prom-e2e"]');
    await row.waitFor();
    expect(await page.content()).not.toContain(token);

    await row.getByRole("button", { name: "Revoke metrics token prom-e2e" }).click();
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    await row.waitFor({ state: "detached" });
    expect((await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});

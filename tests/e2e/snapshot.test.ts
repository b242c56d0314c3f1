import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { pasteBundle } from "../support/next-app";
import { labBundleAt } from "../support/fixtures";

const runnable = chromiumRunnable("the snapshot browser test");

describe.runIf(runnable)("sharing a snapshot in Chromium", { timeout: 90_000 }, () => {
  let hostId: number;
  const { app, open: openPage } = useBrowserApp({
    name: "snapshot",
    env: { TWSCOPE_POLLER: "off" },
    ready: async (app) => {
      for (const [file, ago] of [
        ["client-port-exhaustion.txt", 120],
        ["client-port-exhaustion.later.txt", 60],
      ] as const) {
        hostId = await pasteBundle(app, "exhausted", labBundleAt(file, ago));
      }
    },
  });

  const open = (url: string, signedIn: boolean): Promise<Page> => openPage(url, { signedIn });

  it("creates a redacted link from the host page that a signed-out browser opens read-only, until it is revoked", async () => {
    const owner = await open(`/hosts/${hostId}`, true);
    await owner.getByRole("button", { name: "Share snapshot" }).click();
    await owner.getByLabel("Expires after").selectOption("30");
    await owner.getByLabel("Redact peer addresses").check();
    await owner.getByRole("button", { name: "Create link" }).click();
    const link = await owner.getByLabel("Snapshot link").inputValue();
    expect(link).toMatch(new RegExp(`^${app.base}/s/[A-Za-z0-9_-]{43}$`));
    await expect(owner.getByText("only this once").count()).resolves.toBe(1);

    const visitor = await open("/", false);
    const foreign: string[] = [];
    visitor.on("request", (r) => {
      if (!r.url().startsWith(app.base) && !r.url().startsWith("data:")) foreign.push(r.url());
    });
    const response = (await visitor.goto(link))!;
    await visitor.locator("html[data-hydrated]").waitFor();
    expect(response.status()).toBe(200);
    expect(response.headers()).toMatchObject({
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
      "x-robots-tag": expect.stringContaining("noindex"),
    });

    await expect(visitor.getByTestId("snapshot-banner").innerText()).resolves.toMatch(
      /Read-only snapshot of exhausted taken .+ UTC by e2e-admin,\s+expires .+ UTC/,
    );
    const curve = visitor.locator('[data-testid="chart-time-wait"] svg path.recharts-curve').first();
    // Both samples hold 1,000 TIME_WAIT: a flat line, which has no height for a visibility check.
    await curve.waitFor({ state: "attached" });
    expect(await curve.getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+/);
    await expect(visitor.locator('article[data-rule="client-port-exhaustion"]').innerText()).resolves.toMatch(
      /1,000 TIME_WAIT to host-A:8080 = 100% of the 1,000-port range/,
    );
    await visitor.getByRole("tab", { name: "sockets" }).click();
    await expect(visitor.getByRole("cell", { name: "host-A:8080" }).count()).resolves.toBe(1);
    expect(await visitor.content()).not.toContain("198.18.0.10");
    await expect(visitor.getByRole("button", { name: "Share snapshot" }).count()).resolves.toBe(0);
    await expect(visitor.getByRole("button", { name: "6h" }).count()).resolves.toBe(0);
    await expect(visitor.getByLabel("Time range").innerText()).resolves.toMatch(/1h \(frozen\)/);
    expect(await visitor.locator('a[href^="/hosts/"], a[href^="/remedies"]').count()).toBe(0);
    expect(foreign).toEqual([]);

    const manage = await open("/snapshots", true);
    await manage.getByRole("button", { name: /^Revoke snapshot \d+ \(exhausted\)$/ }).click();
    await manage.getByRole("button", { name: "Yes, revoke" }).click();
    await expect.poll(() => manage.locator('[data-field="state"]').first().innerText(), { timeout: 30_000 }).toBe("revoked");
    expect((await visitor.goto(link))!.status()).toBe(404);

    for (const p of [owner, visitor, manage]) await p.context().close();
  });
});

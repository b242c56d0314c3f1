import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { fixturePath } from "../support/fixtures";

const shots = process.env.TWSCOPE_SCREENSHOTS;

const runnable = chromiumRunnable("the sosreport import browser test");

describe.runIf(runnable)("importing a sosreport archive in Chromium", { timeout: 90_000 }, () => {
  const { app, dataDir, open } = useBrowserApp({
    name: "sosreport",
    env: { TWSCOPE_POLLER: "off" },
    seed: () => {
      expect(spawnSync("tar", ["-cJf", archive, "-C", fixturePath("sosreport"), "netns-7200"]).status).toBe(0);
    },
  });
  const archive = path.join(dataDir, "sosreport-vm-2026-12-01-abcdefg.tar.xz");

  it("uploads the .tar.xz from the Import page and shows the host with the report's counts and the stale sysctl line", async () => {
    const page = await open("/hosts/import");
    const form = page.locator("form").filter({ hasText: "Analyse a host without SSH" });
    await form.getByLabel("Host name").fill("sos-vm");
    await form.locator('input[type="file"]').setInputFiles(archive);
    await expect(form.getByTestId("archive-chosen").textContent()).resolves.toMatch(
      /^sosreport archive sosreport-vm-2026-12-01-abcdefg\.tar\.xz \(\d+ KiB\): read on the server$/,
    );
    if (shots) await page.screenshot({ path: path.join(shots, "import-sosreport.png"), fullPage: true });
    await form.getByRole("button", { name: "Analyse" }).click();
    await page.waitForURL(/\/hosts\/\d+$/);
    await page.getByText("tcp_tw_recycle in the sysctl files of a kernel without it").first().waitFor();
    if (shots) await page.screenshot({ path: path.join(shots, "import-sosreport-host.png"), fullPage: true });
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const detail = (await (await app.api(`/api/hosts/${id}`)).json()) as {
      latest: { timeWait: { total: number; server: number; client: number } };
    };
    expect(detail.latest.timeWait).toMatchObject({ total: 50, server: 26, client: 24 });
    await page.context().close();
  });
});

import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { HostDetailDto, HostDto } from "@/lib/dto";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { isRoot } from "../support/processes";
import { sshdAvailable, sshdHost, startSshd, type TestSshd } from "../support/sshd";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
const runnable = chromiumRunnable("the jump host picker browser test") && sshdAvailable() && (isRoot() || !process.env.CI);

describe.runIf(runnable)("choosing a jump host on the host form, in Chromium, against real sshds", { timeout: 120_000 }, () => {
  let bastion: TestSshd;
  let target: TestSshd;
  let bastionId: number;
  const { app, open, pageErrors } = useBrowserApp({
    name: "jump-picker",
    env: { TWSCOPE_POLL_INTERVAL: "600" },
    ready: async (running) => {
      // DEBUG1: the jump host logs each channel it opens for a client.
      [bastion, target] = await Promise.all([startSshd(["LogLevel DEBUG1"]), startSshd()]);
      const res = await running.api("/api/hosts", { method: "POST", body: JSON.stringify(sshdHost(bastion, "bastion")) });
      bastionId = ((await res.json()) as HostDto).id;
    },
    cleanup: async () => {
      await Promise.all([bastion?.stop(), target?.stop()]);
    },
  });
  const host = async (id: number) => (await (await app.api(`/api/hosts/${id}`)).json()) as HostDetailDto;
  const shoot = (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  let behindId: number;

  it("adds a host through the bastion picked, its key fetched through it, and shows it on the host page", async () => {
    const page = await open("/hosts/new");
    await page.getByLabel("Name", { exact: true }).fill("behind-bastion");
    await page.getByLabel("Address").fill("127.0.0.1");
    await page.getByLabel("Port").fill(String(target.port));
    await page.getByLabel("User").fill(target.user);
    await page.getByLabel("Private key file (on the twscope server)").fill(target.userKey);
    const picker = page.getByLabel("Reach through");
    await expect.poll(() => picker.locator("option").allInnerTexts()).toEqual(["Directly", "bastion (127.0.0.1)"]);
    await picker.selectOption({ label: "bastion (127.0.0.1)" });
    await page.getByRole("button", { name: "Fetch host key" }).click();
    await expect.poll(() => page.getByTestId("scanned-fingerprint").innerText(), { timeout: 20_000 }).toBe(target.fingerprint);
    // The key was fetched over a channel the bastion opened, not a connection of twscope's own.
    expect(bastion.log()).toMatch(new RegExp(`server_request_direct_tcpip: .*target 127\\.0\\.0\\.1 port ${target.port}\\b`));
    await page.getByLabel(/I checked this fingerprint/).check();
    await shoot(page, "jump-picker-new-host-1280");
    await page.getByRole("button", { name: "Save host" }).click();
    await page.waitForURL(/\/hosts\/\d+$/);
    behindId = Number(page.url().split("/").pop());
    const through = page.locator('[data-field="jump-chain"]');
    await expect.poll(() => through.innerText()).toBe("through bastion");
    expect(await through.getByRole("link", { name: "bastion" }).getAttribute("href")).toBe(`/hosts/${bastionId}`);
    expect((await host(behindId)).jumpHostId).toBe(bastionId);
    // Polled over SSH through the bastion: a real sample, one login to the bastion.
    await expect.poll(async () => (await host(behindId)).status, { timeout: 30_000 }).toBe("ok");
    expect(bastion.logins()).toBe(1);
    await shoot(page, "jump-picker-host-page-1280");
    await page.context().close();
  });

  it("says at the field why the server refused a jump host that would make a loop", async () => {
    const page = await open(`/hosts/${bastionId}/edit`);
    const picker = page.getByLabel("Reach through");
    await expect.poll(() => picker.locator("option").allInnerTexts()).toEqual(["Directly", "behind-bastion (127.0.0.1)"]);
    await picker.selectOption({ label: "behind-bastion (127.0.0.1)" });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const refusal = "behind-bastion is reached through bastion, so bastion cannot go through it: that is a loop";
    await expect.poll(() => picker.locator("xpath=..").getByRole("alert").innerText()).toBe(refusal);
    expect(await picker.getAttribute("aria-invalid")).toBe("true");
    expect((await host(bastionId)).jumpHostId).toBeNull();
    await shoot(page, "jump-picker-refused-1280");
    await page.context().close();
  });

  it("rendered every page above without a console error but the refused save's 400", () => {
    expect(pageErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});

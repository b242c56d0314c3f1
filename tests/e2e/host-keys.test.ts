import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { HostDetailDto } from "@/lib/dto";
import type { InventoryImportDto } from "@/lib/inventory/import-dto";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { freePort, isRoot } from "../support/processes";
import { sshdAvailable, startSshd, type TestSshd } from "../support/sshd";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
const runnable = chromiumRunnable("the host keys browser test") && sshdAvailable() && (isRoot() || !process.env.CI);

describe.runIf(runnable)("confirming the keys of imported hosts together, in Chromium, against a real sshd", { timeout: 120_000 }, () => {
  let sshd: TestSshd;
  let closed: number;
  const { app, open, pageErrors } = useBrowserApp({
    name: "host-keys",
    // Polls only when asked: an import asks once per new host, to fetch its key.
    env: { TWSCOPE_POLL_INTERVAL: "600" },
    ready: async () => {
      sshd = await startSshd();
      closed = await freePort();
    },
    cleanup: () => sshd?.stop(),
  });
  const host = async (name: string) => {
    const { hosts } = (await (await app.api(`/api/hosts?q=${name}`)).json()) as { hosts: { id: number; name: string }[] };
    return (await (await app.api(`/api/hosts/${hosts.find((h) => h.name === name)!.id}`)).json()) as HostDetailDto;
  };
  const shoot = (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  it("shows the fingerprints the hosts presented as ssh-keygen prints them, and trusts the ones picked", async () => {
    const inventory = `[lab]\nk[1:3] ansible_port=${sshd.port}\nk4 ansible_port=${closed}\n[lab:vars]\nansible_host=127.0.0.1\nansible_user=${sshd.user}\nansible_ssh_private_key_file=${sshd.userKey}\n`;
    const res = await app.api("/api/hosts/inventory", {
      method: "POST",
      body: JSON.stringify({ text: inventory, name: "lab.ini", apply: true }),
    });
    expect(((await res.json()) as InventoryImportDto).added.map((h) => h.name)).toEqual(["k1", "k2", "k3", "k4"]);

    const page = await open("/hosts/keys");
    await page.getByRole("button", { name: "Fetch keys" }).click();
    const expected = [1, 2, 3].map((i) => `${sshd.fingerprint} k${i} (127.0.0.1:${sshd.port})`).join("\n");
    await expect.poll(() => page.getByTestId("key-lines").innerText(), { timeout: 30_000 }).toBe(expected);
    await expect
      .poll(() => page.locator('tr[data-host="k4"]').innerText(), { timeout: 30_000 })
      .toMatch(/127\.0\.0\.1:\d+\s+not fetched: .*refused/i);
    // Nothing is trusted by fetching.
    expect((await host("k1")).hostKeyFingerprint).toBeNull();
    await shoot(page, "host-keys-1280");

    await page.getByLabel("Pick every fetched key").check();
    await page.getByLabel("Pick k2").uncheck();
    await page.getByRole("button", { name: "Trust 2 keys" }).click();
    await page.getByRole("button", { name: "Yes, trust 2 keys" }).click();
    await expect(page.getByTestId("trust-outcome").innerText()).resolves.toBe("Trusted 2 keys: k1, k3. Their polls start now.");
    expect((await host("k1")).hostKeyFingerprint).toBe(sshd.fingerprint);
    expect((await host("k2")).hostKeyFingerprint).toBeNull();
    // Trusted, the host is polled over SSH with its key: a real login and sample.
    await expect.poll(async () => (await host("k3")).status, { timeout: 30_000 }).toBe("ok");
    await expect
      .poll(() => page.locator("tbody tr").evaluateAll((trs) => trs.map((r) => r.getAttribute("data-host"))))
      .toEqual(["k2", "k4"]);
    await page.context().close();
  });

  it("rendered every page above without a console error", () => {
    expect(pageErrors).toEqual([]);
  });
});

import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { HostDto } from "@/lib/dto";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
const runnable = chromiumRunnable("the inventory import browser test");

const FIRST = `[web]
web[01:03] ansible_host=10.40.0.1
[web:vars]
ansible_user=www
[db]
db1 ansible_host=10.40.1.1 ansible_port=2200 ansible_become=true
[prod:children]
web
db
[prod:vars]
ansible_user=ops
[edge]
gw1 ansible_host=192.0.2.1 ansible_user=ops
edge1 ansible_user=ops ansible_ssh_common_args="-J gw1"
[all:vars]
ansible_password=hunter2
`;

describe.runIf(runnable)("importing an Ansible inventory in Chromium", { timeout: 120_000 }, () => {
  const { app, open, pageErrors } = useBrowserApp({ name: "inventory", env: { TWSCOPE_POLLER: "off" } });
  const form = (page: Page) => page.locator("form").filter({ hasText: "Import hosts from an Ansible inventory" });
  const rows = (page: Page) =>
    form(page)
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((r) => `${r.getAttribute("data-change")} ${r.getAttribute("data-host")}`));
  const shoot = (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const hosts = async () => ((await (await app.api("/api/hosts?sort=name&dir=asc")).json()) as { hosts: HostDto[] }).hosts;

  it("previews the hosts an inventory adds and what it leaves out, then applies exactly that", async () => {
    const page = await open("/hosts/import");
    const f = form(page);
    await f.getByLabel("Inventory name").fill("prod.ini");
    await f.getByLabel("or paste it").fill(FIRST);
    await f.getByRole("button", { name: "Preview" }).click();
    await expect(f.getByTestId("inventory-summary").innerText()).resolves.toBe(
      "inventory:prod.ini (ini): 6 hosts to add, 0 to change, 0 unchanged, 0 gone from the inventory, 0 left out.",
    );
    // edge1 is added through the jump host -J names.
    expect(await rows(page)).toEqual(["add web01", "add web02", "add web03", "add db1", "add gw1", "add edge1"]);
    await expect(f.locator('tr[data-host="db1"]').innerText()).resolves.toMatch(
      /^add\s+db1\s+ops@10\.40\.1\.1:2200\s+db, prod\s+ansible_become: twscope runs its probe as the login user/,
    );
    // What holds for every host is said once, not on each row.
    await expect(f.getByTestId("inventory-shared-notes").innerText()).resolves.toMatch(
      /^For every host:\n+ansible_password: a secret in an inventory is not imported/,
    );
    await expect(f.locator('tr[data-host="edge1"]').innerText()).resolves.toMatch(/^add\s+edge1\s+ops@edge1:22 through gw1\s/);
    // The password is in the pasted text, and nowhere in what the server answered.
    await expect(f.getByRole("region", { name: "Preview" }).innerHTML()).resolves.not.toContain("hunter2");
    expect(await hosts()).toHaveLength(1); // the built-in localhost only: a preview changes nothing
    await shoot(page, "inventory-preview-1280");

    // An edit asks for a new preview before anything is applied.
    await f.getByLabel("or paste it").fill(FIRST + "extra1\n");
    await expect(f.getByRole("region", { name: "Preview" }).count()).resolves.toBe(0);
    await f.getByLabel("or paste it").fill(FIRST);
    await f.getByRole("button", { name: "Preview" }).click();
    await f.getByRole("button", { name: "Apply: 6 hosts" }).click();
    await expect.poll(() => f.getByTestId("inventory-summary").innerText()).toMatch(/^Applied: 6 hosts added, 0 changed, 0 removed\./);
    const added = (await hosts()).filter((h) => !["localhost", "gw1", "edge1"].includes(h.name));
    expect(added.map((h) => [h.name, h.address, h.port, h.username, h.tags, h.status])).toEqual([
      ["db1", "10.40.1.1", 2200, "ops", ["db", "prod"], "host-key-unknown"],
      ["web01", "10.40.0.1", 22, "www", ["prod", "web"], "host-key-unknown"],
      ["web02", "10.40.0.1", 22, "www", ["prod", "web"], "host-key-unknown"],
      ["web03", "10.40.0.1", 22, "www", ["prod", "web"], "host-key-unknown"],
    ]);
    // Each added host links to its page, where its key is confirmed.
    await expect(f.getByRole("link", { name: "web02" }).getAttribute("href")).resolves.toBe(`/hosts/${added[2]!.id}`);
    await page.context().close();
  });

  it("shows what importing the inventory again changes, and removes the gone hosts only when asked", async () => {
    const page = await open("/hosts/import", { viewport: { width: 390, height: 844 } });
    const f = form(page);
    await f.getByLabel("Inventory name").fill("prod.ini");
    await f.getByLabel("or paste it").fill(FIRST.replace("web[01:03]", "web[02:03]").replace("2200", "2201"));
    await f.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => rows(page))
      .toEqual(["change db1", "gone web01", "unchanged web02", "unchanged web03", "unchanged gw1", "unchanged edge1"]);
    // A phone gets a list, not a table.
    await expect(f.locator('li[data-host="db1"]').innerText()).resolves.toMatch(
      /^change\s+db1\s+ops@10\.40\.1\.1:2201 · db, prod\s+port: 2200 → 2201/,
    );
    await expect(f.getByRole("button", { name: "Apply: 1 host" }).isVisible()).resolves.toBe(true);
    await f.getByLabel(/Also remove the 1 host this inventory added before/).check();
    await expect(page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).resolves.toBeLessThanOrEqual(0);
    await shoot(page, "inventory-reimport-390");
    await f.getByRole("button", { name: "Apply: 2 hosts" }).click();
    await expect.poll(() => f.getByTestId("inventory-summary").innerText()).toMatch(/^Applied: 0 hosts added, 1 changed, 1 removed\./);
    const names = (await hosts()).map((h) => [h.name, h.port]);
    expect(names).toEqual([
      ["db1", 2201],
      ["edge1", 22],
      ["gw1", 22],
      ["localhost", 0],
      ["web02", 22],
      ["web03", 22],
    ]);
    await page.context().close();
  });

  it("reads in Chinese for a Chinese browser: the form and the preview with its notes", async () => {
    const page = await open("/hosts/import", { locale: "zh-CN" });
    const f = page.locator("form").filter({ hasText: "从 Ansible 清单导入主机" });
    await f.getByLabel("清单名称").fill("prod.ini");
    await f.getByLabel("或直接粘贴").fill(FIRST);
    await f.getByRole("button", { name: "预览" }).click();
    await expect
      .poll(() => f.getByTestId("inventory-summary").innerText())
      .toMatch(/^inventory:prod\.ini（ini）：新增 \d+ 台主机，修改 \d+ 台，/);
    await expect(f.getByTestId("inventory-shared-notes").innerText()).resolves.toMatch(
      /^对所有主机：\n+ansible_password: 清单中的凭据不会被导入/,
    );
    await expect(f.locator("thead").first().innerText()).resolves.toMatch(/变更\s+主机\s+连接方式\s+标签\s+说明/);
    await shoot(page, "inventory-preview-zh-1280");
    await page.context().close();
  });

  it("rendered every page above without a console error", () => {
    expect(pageErrors).toEqual([]);
  });
});

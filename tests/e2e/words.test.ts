import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { Server, utils, type Connection } from "ssh2";
import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { pasteBundle } from "../support/next-app";
import { labBundleAt } from "../support/fixtures";

const shots = process.env.TWSCOPE_SCREENSHOT_DIR;

const runnable = chromiumRunnable("the words browser test");

describe.runIf(runnable)("pages that say what they mean, in Chromium", { timeout: 90_000 }, () => {
  // An SSH server that shows its host key and then never answers a login, so a poll after the key
  // is trusted stays "next poll pending" for as long as the test needs (the handshake timeout is 120 s).
  const sshd = new Server({ hostKeys: [utils.generateKeyPairSync("ed25519").private] }, (client) => {
    clients.push(client);
    client.on("error", () => {});
  });
  const clients: Connection[] = [];

  const {
    app,
    dataDir,
    open: openPage,
  } = useBrowserApp({
    name: "words",
    env: { TWSCOPE_POLL_INTERVAL: "3600", TWSCOPE_SSH_READY_TIMEOUT: "120" },
    seed: () => new Promise<void>((resolve) => sshd.listen(0, "127.0.0.1", resolve)),
    cleanup: () => {
      for (const c of clients) c.end();
      sshd.close();
    },
  });

  const open = (url: string, width = 1280, signedIn = true): Promise<Page> => openPage(url, { viewport: { width, height: 900 }, signedIn });
  /** With TWSCOPE_SCREENSHOT_DIR set: the whole page, its first screen, and the screen at `anchor`. */
  const shoot = async (page: Page, name: string, anchor?: string) => {
    if (!shots) return;
    await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
    await page.screenshot({ path: path.join(shots, `${name}-top.png`) });
    if (anchor) {
      await page.locator(anchor).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `${name}-at-${anchor.replace(/\W/g, "")}.png`) });
    }
  };

  it("lays /remedies out for a 390 px phone with no sideways scroll, commands wrapping in their boxes", async () => {
    const page = await open("/remedies", 390);
    await shoot(page, "remedies-390", "#tcp-max-tw-buckets pre");
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const overflowing = await page.locator("pre").evaluateAll((pres) => pres.filter((p) => p.scrollWidth > p.clientWidth + 1).length);
    expect(overflowing).toBe(0);
    expect(await page.locator("body").innerText()).not.toContain("`");
    await page.context().close();
  });

  it("shows /remedies in Chinese to a zh-CN browser, at 1280 and 390 px, with its filter and copy buttons in Chinese", async () => {
    const zh = { locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } };
    const phone = await openPage("/remedies", { viewport: { width: 390, height: 900 }, ...zh });
    await shoot(phone, "remedies-zh-390", "#tcp-max-tw-buckets pre");
    const widths = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await phone.context().close();

    const page = await openPage("/remedies", { viewport: { width: 1280, height: 900 }, ...zh });
    await shoot(page, "remedies-zh-desktop", "#tcp-tw-recycle");
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("处置方案");
    await expect(page.locator("#tcp-tw-recycle h3").innerText()).resolves.toBe("开启 tcp_tw_recycle");
    const all = await page.locator("article[data-remedy]").count();
    expect(await page.getByRole("navigation", { name: "目录" }).getByRole("link").count()).toBe(all);
    expect(await page.getByRole("button", { name: /^复制“立即生效”/ }).count()).toBeGreaterThan(0);
    const body = await page.locator("main").innerText();
    for (const english of ["What to do", "Side effects", "Before you start", "Sources:", "Why low risk"])
      expect(body).not.toContain(english);
    expect(body).not.toContain("`");

    await page.getByRole("group", { name: "按风险筛选" }).getByRole("link", { name: "低", exact: true }).click();
    await page.waitForURL(/\/remedies\?risk=low$/);
    await expect.poll(() => page.locator("article[data-remedy]").count()).toBeLessThan(all);
    const shown = await page.locator("article[data-remedy]").count();
    await expect(page.getByRole("status").filter({ hasText: "显示" }).innerText()).resolves.toMatch(
      new RegExp(`^显示 ${shown} / ${all} 条`),
    );
    await page.context().close();
  });

  it("narrows the list with the risk filter, keeps the filter in the URL, and offers contents and copy buttons", async () => {
    const page = await open("/remedies");
    await shoot(page, "remedies-desktop", "#tcp-tw-recycle");
    const all = await page.locator("article[data-remedy]").count();
    expect(await page.getByRole("navigation", { name: "Contents" }).getByRole("link").count()).toBe(all);
    expect(await page.getByRole("button", { name: /^Copy “Apply now” to the clipboard$/ }).count()).toBeGreaterThan(0);

    await page.getByRole("group", { name: "Risk filter" }).getByRole("link", { name: "low", exact: true }).click();
    await page.waitForURL(/\/remedies\?risk=low$/);
    await expect.poll(() => page.locator("article[data-remedy]").count()).toBeLessThan(all);
    const risks = await page.locator("article[data-remedy]").evaluateAll((els) => els.map((e) => e.getAttribute("data-risk")));
    expect(risks.length).toBeGreaterThan(0);
    expect(new Set(risks)).toEqual(new Set(["low"]));
    await expect(page.getByRole("status").filter({ hasText: "Showing" }).innerText()).resolves.toMatch(
      new RegExp(`^Showing ${risks.length} of ${all}`),
    );

    const direct = await open("/remedies?risk=critical&kind=sysctl");
    const ids = await direct.locator("article[data-remedy]").evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toEqual(["tcp-tw-recycle"]);
    await expect(direct.locator("#tcp-tw-recycle h3").innerText()).resolves.toBe("Switch tcp_tw_recycle on");
    for (const p of [page, direct]) await p.context().close();
  });

  it("words a host's remedy rows without double negatives or repeated risk words", async () => {
    const hostId = await pasteBundle(app, "closes-first", labBundleAt("web-active-close.txt", 30));
    const page = await open(`/hosts/${hostId}`);
    const linger = page.locator('article[data-rule="server-closes-first"] li[data-remedy="so-linger-zero"] summary');
    await expect(linger.innerText()).resolves.toMatch(/^harmful here\s+Abort connections with SO_LINGER set to 0\s+risk: high/);
    await page.locator('article[data-rule="server-closes-first"] li[data-remedy="http-keep-alive"] summary').click();
    await shoot(page, "host-diagnosis", 'li[data-remedy="http-keep-alive"]');
    const details = await page.locator('article[data-rule="server-closes-first"] li[data-remedy="http-keep-alive"]').innerText();
    expect(details).toContain("Why low risk: Persistent connections");
    expect(await page.locator('[aria-label="Findings"]').innerText()).not.toMatch(
      /`|Do not |risk:?\s*(low|medium|high):?\s*(low|medium|high):/i,
    );
    await page.context().close();
  });

  it("asks before revoking a snapshot, and revokes only after the confirmation", async () => {
    const created = await app.api("/api/snapshots", {
      method: "POST",
      body: JSON.stringify({ kind: "fleet", expiresInDays: 1, redact: false }),
    });
    expect(created.status).toBe(201);
    const page = await open("/snapshots");
    await page.getByRole("button", { name: /^Revoke snapshot \d+ / }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Revoke" }).innerText()).resolves.toMatch(
      /Its link stops working at once and cannot be restored/,
    );
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.locator('[data-field="state"]').first().innerText()).resolves.toBe("live");

    await page.getByRole("button", { name: /^Revoke snapshot \d+ / }).click();
    await page.getByRole("button", { name: "Yes, revoke" }).click();
    await expect.poll(() => page.locator('[data-field="state"]').first().innerText(), { timeout: 30_000 }).toBe("revoked");
    await page.context().close();
  });

  it("asks before trusting a presented host key, then says the key is trusted and the next poll pending", async () => {
    const keyFile = path.join(dataDir, "client-key");
    fs.writeFileSync(keyFile, utils.generateKeyPairSync("ed25519").private, { mode: 0o600 });
    const port = (sshd.address() as AddressInfo).port;
    const res = await app.api("/api/hosts", {
      method: "POST",
      body: JSON.stringify({ name: "new-key", address: "127.0.0.1", port, username: "u", authMethod: "key", keyPath: keyFile, tags: [] }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const host = async () =>
      (await (await app.api(`/api/hosts/${id}`)).json()) as {
        status: string;
        seenFingerprint: string | null;
        hostKeyFingerprint: string | null;
      };
    await expect.poll(async () => (await host()).seenFingerprint, { timeout: 30_000 }).toMatch(/^SHA256:/);
    const seen = (await host()).seenFingerprint!;

    const page = await open(`/hosts/${id}`);
    await expect(page.locator("[data-status]").first().innerText()).resolves.toBe("host key not trusted");
    await page.getByRole("button", { name: "Trust the presented key" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Check it on the host first" }).innerText()).resolves.toContain(
      `Trust ${seen}?`,
    );
    await page.getByRole("button", { name: "Cancel" }).click();
    expect((await host()).hostKeyFingerprint).toBeNull();

    await page.getByRole("button", { name: "Trust the presented key" }).click();
    await page.getByRole("button", { name: "Yes, trust this key" }).click();
    await expect.poll(() => page.getByTestId("pinned-fingerprint").innerText(), { timeout: 15_000 }).toBe(seen);
    await expect(page.locator("[data-status]").first().innerText()).resolves.toBe("key trusted; next poll pending");
    await shoot(page, "host-key-trusted");
    await page.context().close();
  });

  it("reports the OpenSSH config lines an import did not apply, and a key file missing on the server", async () => {
    const page = await open("/hosts/import");
    const config = [
      "Include ~/.ssh/conf.d/*",
      "Host imported-a",
      "  HostName 127.0.0.1",
      "  Port 9",
      "  User ops",
      "  IdentityFile /nonexistent/imported-key",
      "Match host *.corp",
      "  User corp",
    ].join("\n");
    await page.getByLabel("Config").fill(config);
    await page.getByRole("button", { name: "Import" }).click();
    const result = page.getByRole("status").filter({ hasText: "added" });
    await expect(result.locator("p").first().innerText()).resolves.toBe("1 host added, 0 skipped, 2 config lines not applied.");
    const ignored = await page.getByRole("list", { name: "Config lines not applied" }).innerText();
    expect(ignored).toMatch(/line 1\s+Include ~\/\.ssh\/conf\.d\/\*: Include is not followed/);
    expect(ignored).toMatch(/line 7\s+Match host \*\.corp: Match blocks are not evaluated/);
    await expect(result.innerText()).resolves.toContain(
      "imported-a: IdentityFile /nonexistent/imported-key does not exist on the twscope server",
    );
    await shoot(page, "import-result");
    await page.context().close();
  });

  it("says a spent setup link was used instead of silently showing sign-in", async () => {
    const page = await open(`/setup?token=${"z".repeat(43)}`, 1280, false);
    expect(new URL(page.url()).pathname).toBe("/setup");
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("This setup link has already been used");
    await expect(page.locator('[data-setup-link="used"]').getByRole("link", { name: "Sign in" }).getAttribute("href")).resolves.toBe(
      "/signin",
    );
    await page.context().close();
  });
});

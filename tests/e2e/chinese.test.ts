import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFinished } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { pasteBundle } from "../support/next-app";
import { labBundleAt } from "../support/fixtures";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
const runnable = chromiumRunnable("the Chinese pages browser test");

/**
 * Latin-script words a Chinese reader would meet on the page, leaving out what stays as it is in
 * every language: code, commands and kernel names (`<code>`, `<pre>`, `<kbd>`, ALL_CAPS, dotted
 * and underscored names), units, addresses, and the names this test gave its hosts and user.
 */
async function englishLeft(page: Page, names: string[]): Promise<string[]> {
  const pieces = await page.evaluate(() => {
    const skip = (el: Element | null): boolean =>
      !!el?.closest("code, pre, kbd, cite, script, style, svg, [translate=no], [aria-hidden=true], option:not(:checked)");
    // Each piece of text with the start of the element it is in, to say where English was left.
    const out: [string, string][] = [];
    const where = (el: Element) => el.outerHTML.slice(0, 100);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !el.checkVisibility()) continue;
      out.push([n.textContent ?? "", where(el)]);
    }
    for (const el of document.querySelectorAll<HTMLElement>("[title], [aria-label], [placeholder]"))
      if (!skip(el)) for (const a of ["title", "aria-label", "placeholder"]) out.push([el.getAttribute(a) ?? "", where(el)]);
    return out;
  });
  const allowed = new Set([...KEPT, ...names, ...names.flatMap((n) => n.split(/[^A-Za-z]+/))].map((w) => w.toLowerCase()));
  const left = new Map<string, string>();
  for (const [piece, element] of pieces) {
    // Quoted literals ('address already in use', a boot message) are what the system prints: kept as they are.
    const prose = piece.replace(/'[^']*'/g, " ").replace(/(^|\s)--?[a-z][\w-]*/g, " ");
    for (const w of prose.match(/\/?[A-Za-z][A-Za-z0-9_.:/-]*[A-Za-z0-9]/g) ?? []) {
      if (w.startsWith("/") || /[_.:/]/.test(w) || /\d/.test(w)) continue; // paths, kernel names, addresses, units with numbers
      if (/^[A-Z0-9-]+$/.test(w) || /^[A-Za-z][a-z]*[A-Z]/.test(w) || /^[A-Z][a-z]+(-[A-Z][a-z]+)+$/.test(w)) continue; // ALL_CAPS, CamelCase, Header-Names
      if (!allowed.has(w.toLowerCase()) && !left.has(w)) left.set(w, `${piece.trim().slice(0, 80)} in ${element}`);
    }
  }
  return [...left].map(([w, context]) => `${w} «${context}»`);
}

/** Names, protocols and units a Chinese page keeps as they are. */
const KEPT = [
  "twscope",
  "tw",
  "scope",
  "Linux",
  "Prometheus",
  "Alertmanager",
  "Grafana",
  "Slack",
  "Webhook",
  "English",
  "sysctl",
  "conntrack",
  "Pod",
  "Pods",
  "ss",
  "netstat",
  "ms",
  "s",
  "min",
  "h",
  "d",
  "KiB",
  "MiB",
  "GMT",
  "UTC",
  "keep-alive",
  "nginx",
  "HTTP",
  // system calls, named as the kernel names them
  "connect",
  "bind",
  "accept",
  "close",
  // kernel counter groups and sites named as they are
  "Tcp",
  "TcpExt",
  "cnblogs",
  // software, languages and kernel parts named by their own names
  "root",
  "netfilter",
  "Apache",
  "prefork",
  "Python",
  "Java",
  "Node",
  "Go",
  "Unix",
  "chunked",
  "agent",
  "upstream",
  "keepalive",
  "location",
];

describe.runIf(runnable)("twscope in Chinese, in Chromium", { timeout: 120_000 }, () => {
  let hostId: number;
  const {
    app,
    open: openPage,
    newContext,
    pageErrors,
  } = useBrowserApp({
    name: "chinese",
    env: { TWSCOPE_POLLER: "off" },
    seed: () => void fs.mkdirSync(SHOTS, { recursive: true }),
    ready: async (app) => {
      for (const [file, ago] of [
        ["client-port-exhaustion.txt", 120],
        ["client-port-exhaustion.later.txt", 60],
      ] as const)
        hostId = await pasteBundle(app, "exhausted", labBundleAt(file, ago));
      await pasteBundle(app, "web", labBundleAt("web-active-close.txt", 60));
      await pasteBundle(app, "overflow", labBundleAt("tw-bucket-overflow.txt", 60));
    },
  });
  const HOSTS = ["exhausted", "web", "overflow", "localhost", "e2e-admin", "host-A", "host-B", "host-C"];

  const open = (url: string, width = 1280, signedIn = true): Promise<Page> =>
    openPage(url, { viewport: { width, height: 900 }, locale: "zh-CN", signedIn });
  const expectNoEnglish = async (page: Page) => {
    const left = await englishLeft(page, HOSTS);
    expect(left, `English left on ${page.url()}:\n${left.join("\n")}`).toEqual([]);
  };
  const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `zh-${name}.png`), fullPage: true });

  /** No sideways scroll at a phone's width: Chinese text wraps inside the same layout. */
  const fitsWidth = async (page: Page) => {
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(w.scroll).toBeLessThanOrEqual(w.client);
  };

  it("shows the fleet in Chinese for a browser that asks for it, with no English prose left", async () => {
    for (const width of [1280, 390]) {
      const page = await open("/", width);
      await page.locator('tr[data-host="exhausted"], [data-host="exhausted"]').first().waitFor();
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
      await expect(page.locator("header nav").innerText()).resolves.toContain("主机总览");
      await expectNoEnglish(page);
      await shoot(page, `fleet-${width}`);
      if (width === 390) await fitsWidth(page);
      await page.context().close();
    }
  });

  it("shows a host's findings, evidence and remedies in Chinese", async () => {
    for (const width of [1280, 390]) {
      const page = await open(`/hosts/${hostId}`, width);
      const finding = page.locator('article[data-rule="client-port-exhaustion"]');
      await finding.waitFor();
      // The same stored finding the English page shows, in Chinese: numbers and the destination kept.
      await expect(finding.innerText()).resolves.toMatch(/198\.18\.0\.10:8080/);
      await expect(finding.innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
      await expectNoEnglish(page);
      await shoot(page, `host-${width}`);
      if (width === 390) await fitsWidth(page);
      await page.context().close();
    }
  });

  it("shows the remedy catalogue in Chinese, commands unchanged", async () => {
    for (const width of [1280, 390]) {
      const page = await open("/remedies", width);
      const reuse = page.locator('article[data-remedy="tcp-tw-reuse"]');
      await expect(reuse.locator("h3").innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
      await expect(reuse.locator("pre").first().innerText()).resolves.toContain("sysctl -w net.ipv4.tcp_tw_reuse=1");
      await expectNoEnglish(page);
      await shoot(page, `remedies-${width}`);
      if (width === 390) await fitsWidth(page);
      await page.context().close();
    }
  });

  it("shares a snapshot from the Chinese host page; the link reads in each viewer's language", async () => {
    const owner = await open(`/hosts/${hostId}`);
    await owner.getByRole("button", { name: "分享快照" }).click();
    await expectNoEnglish(owner);
    await shoot(owner, "share-dialog-1280");
    await owner.getByRole("button", { name: "生成链接" }).click();
    const link = await owner.getByLabel("快照分享链接").inputValue();
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

    for (const [locale, expected] of [
      ["zh-CN", /只读快照/],
      ["en-US", /Read-only snapshot of exhausted/],
    ] as const) {
      const context = await newContext({ signedIn: false, locale, viewport: { width: 1280, height: 900 } });
      onTestFinished(() => context.close());
      const visitor = await context.newPage();
      await visitor.goto(link);
      await visitor.locator("html[data-hydrated]").waitFor();
      await expect(visitor.getByTestId("snapshot-banner").innerText()).resolves.toMatch(expected);
      const finding = await visitor.locator('article[data-rule="client-port-exhaustion"]').innerText();
      if (locale === "zh-CN") {
        expect(finding).toMatch(/[\u4e00-\u9fff]/);
        await expectNoEnglish(visitor);
        await shoot(visitor, "snapshot-1280");
        await visitor.setViewportSize({ width: 390, height: 900 });
        await shoot(visitor, "snapshot-390");
        await fitsWidth(visitor);
      } else expect(finding).toMatch(/1,000 TIME_WAIT to 198\.18\.0\.10:8080/);
    }
  });

  it("switches language from the header, and keeps the choice for the browser and for the account", async () => {
    const context = await newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    await page.goto(`${app.base}/`);
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.locator("header nav").innerText()).resolves.toContain("Fleet");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await page.locator('html[lang="zh-CN"]').waitFor();
    await expect(page.locator("header nav").innerText()).resolves.toContain("主机总览");
    await page.reload();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");

    // Another English browser signed in as the same user reads Chinese: the choice is on the account.
    const other = await newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    onTestFinished(() => other.close());
    const second = await other.newPage();
    await second.goto(`${app.base}/remedies`);
    await expect(second.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");

    await page.getByTestId("language-switch").selectOption("en");
    await page.locator('html[lang="en"]').waitFor();
    await expect(page.locator("header nav").innerText()).resolves.toContain("Fleet");
  });

  it("raised no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});

import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFinished } from "vitest";
import { chromiumAvailable } from "../support/browser";
import { makeDataDir, useBrowserApp } from "../support/browser-app";
import { ADMIN } from "../support/next-app";
import { isRoot } from "../support/processes";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
const dataDir = makeDataDir();
process.env.TWSCOPE_DATA_DIR = dataDir;

const lab = await import("@/lab/lab");
const { labDir } = await import("@/lab/state");

const runnable = isRoot() && chromiumAvailable() && fs.existsSync("/usr/sbin/sshd");
if (!runnable) console.warn("skipping the browser tests: they need root (the lab), openssh-server and Debian's chromium");

// Pages load slower while the lab's traffic keeps both cores busy. Client-side navigations
// (router.replace, Link) are awaited by polling the URL: they fire no load event.
describe.runIf(runnable)("the dashboard in Chromium, with the lab running", { timeout: 90_000 }, () => {
  let state: Awaited<ReturnType<typeof lab.up>>;
  const {
    app,
    open: openPage,
    newContext,
  } = useBrowserApp({
    dataDir,
    env: { TWSCOPE_POLL_INTERVAL: "2" },
    seed: async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      state = await lab.up({ plainHosts: 0, durationSeconds: 300, scenarios: true, behindBastion: 1 });
    },
    // The scenarios need some seconds of traffic and two polls before their findings show.
    ready: async (app) => {
      for (let i = 0; i < 90; i++) {
        const { hosts } = (await (await app.api("/api/hosts")).json()) as { hosts: { name: string; worst: { ruleId: string } | null }[] };
        if (
          hosts.find((h) => h.name === "client-port-exhaustion")?.worst?.ruleId === "client-port-exhaustion" &&
          hosts.find((h) => h.name === "tw-bucket-overflow")?.worst?.ruleId === "tw-buckets-overflow"
        )
          break;
        await new Promise((r) => setTimeout(r, 1000));
      }
    },
    cleanup: async () => {
      await lab.down();
    },
  });

  const open = (url: string, opts: { width?: number; dark?: boolean } = {}): Promise<Page> =>
    openPage(url, { viewport: { width: opts.width ?? 1280, height: 900 }, colorScheme: opts.dark ? "dark" : "light" });
  const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it("sends a signed-out visitor to sign in, then back to the host page asked for", async () => {
    const context = await newContext({ viewport: { width: 1280, height: 900 }, signedIn: false });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    await page.goto(`${app.base}/hosts/1?range=6h`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.locator("html[data-hydrated]").waitFor();
    await page.getByLabel("User").fill(ADMIN.name);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Not getByRole("alert"): Next's route announcer has that role too.
    await expect(page.locator("form [role=alert]").innerText()).resolves.toMatch(/wrong user name or password/);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.base}/hosts/1?range=6h`);
    await expect(page.locator(`header [data-user="${ADMIN.name}"]`).innerText()).resolves.toContain(ADMIN.name);
  });

  it("lists the scenario hosts with their worst findings", async () => {
    const page = await open("/");
    await page.locator('tr[data-host="client-port-exhaustion"]').waitFor();
    for (const h of state.hosts) await expect(page.locator(`tr[data-host="${h.name}"]`).count()).resolves.toBe(1);
    await expect(page.locator('tr[data-host="client-port-exhaustion"] [data-field="worst"]').innerText()).resolves.toMatch(
      /(CRITICAL|WARNING)\s+Local ports to 198\.18\.0\.10:8080/,
    );
    await expect(page.locator('tr[data-host="web-active-close"] [data-field="worst"]').innerText()).resolves.toMatch(
      /server on port 80 closes/,
    );
    await expect(page.locator('tr[data-host="keepalive-healthy"] [data-field="worst"]').innerText()).resolves.toMatch(
      /No TIME_WAIT problem/,
    );
    await shoot(page, "fleet-desktop-light");
    await page.context().close();
  });

  it("keeps filters and sort in the URL, so a link reproduces the view", async () => {
    const page = await open("/");
    await page.getByLabel("Filter by tag").selectOption("scenario");
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/tag=scenario/);
    const hostHeader = page.locator("th").filter({ has: page.locator("button", { hasText: /^Host/ }) });
    const hostButton = hostHeader.locator("button");
    await hostButton.click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/sort=name/);
    await expect.poll(() => hostHeader.getAttribute("aria-sort")).toBe("descending");
    await hostButton.click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/dir=asc/);
    await expect.poll(() => hostHeader.getAttribute("aria-sort")).toBe("ascending");
    const rows = (p: Page) => p.locator("tbody tr").evaluateAll((trs) => trs.map((r) => r.getAttribute("data-host")));
    const expected = state.hosts
      .filter((h) => h.kind === "scenario")
      .map((h) => h.name)
      .sort();
    // The server sorts: the rows follow the URL once its answer is in.
    await expect.poll(() => rows(page), { timeout: 30_000 }).toEqual(expected);
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await again.locator("tbody tr").first().waitFor();
    expect(await rows(again)).toEqual(expected);
    await page.context().close();
    await again.context().close();
  });

  it("opens client-port-exhaustion with its chart drawn, its finding and its destination table", async () => {
    const page = await open("/");
    await page.getByRole("table").getByRole("link", { name: "client-port-exhaustion" }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/hosts\/\d+$/);
    const curve = page.locator('[data-testid="chart-time-wait"] svg path.recharts-curve').first();
    await curve.waitFor();
    expect((await curve.getAttribute("d"))?.length).toBeGreaterThan(10);
    await expect(page.locator('article[data-rule="client-port-exhaustion"]').innerText()).resolves.toMatch(/% of the 1,000-port range/);
    await shoot(page, "host-desktop-light");
    await page.getByRole("tab", { name: "sockets" }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/tab=sockets/);
    await expect(page.getByRole("cell", { name: "198.18.0.10:8080" }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("names the process behind each scenario's TIME_WAIT, on the sockets tab and in the finding", async () => {
    const pidOf = (name: string) =>
      (JSON.parse(fs.readFileSync(path.join(labDir(), "logs", `${name}.json`), "utf8")) as { pid: number }).pid;
    const idOf = (name: string) => state.hosts.find((h) => h.name === name)!.twscopeId;
    // The server closes first: its listener on :80 belongs to the scenario's traffic process.
    const web = await open(`/hosts/${idOf("web-active-close")}?tab=sockets`);
    const server = web.locator('section:has(h2:text("Server side")) tr:has(td:text-is("80"))');
    await expect(server.locator("td").nth(2).innerText()).resolves.toMatch(
      new RegExp(`^node\\s+pid ${pidOf("web-active-close")} · root · listening$`),
    );
    await web.getByRole("tab", { name: "diagnosis" }).click();
    await expect(web.locator('article[data-rule="server-closes-first"]').innerText()).resolves.toContain(
      `the server node (pid ${pidOf("web-active-close")}, user root) listens on port 80: it closes these connections first`,
    );
    await shoot(web, "host-process-server");
    await web.context().close();
    // The client closes first: the process connected to the upstream now (looked up within 10 s of a connection showing).
    const client = await open(`/hosts/${idOf("client-port-exhaustion")}?tab=sockets`);
    const row = client.locator('section:has(h2:text("Client side")) tr:has(td:text-is("198.18.0.10:8080"))');
    await expect
      .poll(
        async () => {
          await client.reload();
          return row.locator("td").nth(3).innerText();
        },
        { timeout: 45_000, interval: 2000 },
      )
      .toMatch(new RegExp(`^node\\s+pid ${pidOf("client-port-exhaustion")} · root · \\d+ connected$`));
    await shoot(client, "host-process-client");
    await client.context().close();
  });

  it("shows a node's pods with their own TIME_WAIT, process and finding, and the fleet row names the worst pod", async () => {
    const node = state.hosts.find((h) => h.name === "k8s-node")!;
    const page = await open(`/hosts/${node.twscopeId}?tab=sockets`);
    const panel = page.getByRole("region", { name: "Network namespaces" });
    const row = (pod: string) => panel.locator(`tr[data-namespace="${pod}"]`);
    // The pods' TIME_WAIT takes some seconds of traffic to pass the advisor's thresholds.
    await expect
      .poll(
        async () => {
          await page.reload();
          return row("web-5d8f7").innerText();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toMatch(/WARNING\s+The server on port 80 closes connections first/);
    await expect(row("web-5d8f7").innerText()).resolves.toMatch(/:80 [\d,]+\s+node \(pid \d+, user root\)/);
    await expect(row("api-client-7c4b9").locator("td").nth(4).innerText()).resolves.toMatch(/^→ 127\.0\.0\.1:8080 [\d,]+/);
    await expect(row("db-0").locator("td").nth(5).innerText()).resolves.toBe("none");
    await expect(panel.innerText()).resolves.toContain("3 namespaces besides the host's own");
    // The host's own TIME_WAIT tile says what it leaves out.
    await expect(page.locator('[data-field="namespaces-time-wait"]').innerText()).resolves.toMatch(
      /^\+ [\d,]+ in 3 other network namespaces$/,
    );
    await shoot(page, "host-namespaces");
    await page.goto(`${app.base}/?q=k8s-node`);
    await expect(page.locator('tr[data-host="k8s-node"] [data-field="worst"]').innerText()).resolves.toMatch(
      /(CRITICAL|WARNING)\s+(pod|namespace) /,
    );
    await page.context().close();
  });

  it("shows a host reachable only through the bastion, polled through it, with its server named", async () => {
    const behind = state.hosts.find((h) => h.name === "behind-bastion-1")!;
    const bastion = state.hosts.find((h) => h.kind === "bastion")!;
    const page = await open(`/hosts/${behind.twscopeId}?tab=sockets`);
    await expect(page.locator('[data-field="jump-chain"] a').getAttribute("href")).resolves.toBe(`/hosts/${bastion.twscopeId}`);
    const server = page.locator('section:has(h2:text("Server side")) tr:has(td:text-is("80"))');
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await server.count()) ? server.locator("td").nth(2).innerText() : "";
        },
        { timeout: 45_000, interval: 2000 },
      )
      .toMatch(/^node\s+pid \d+ · root · listening$/);
    await shoot(page, "host-behind-bastion");
    await page.context().close();
  });

  it("switches the chart range: the URL changes and the series is fetched again for it", async () => {
    const host = state.hosts.find((h) => h.name === "client-port-exhaustion")!;
    const page = await open(`/hosts/${host.twscopeId}`);
    await page.locator('[data-testid="chart-time-wait"] svg').first().waitFor();
    const refetch = page.waitForResponse((r) => r.url().includes("/series?range=6h") && r.ok());
    await page.getByRole("button", { name: "6h" }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/range=6h/);
    const body = await (await refetch).json();
    expect(body.range).toBe("6h");
    expect(body.to - body.from).toBe(6 * 3_600_000);
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.getByRole("button", { name: "6h" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.context().close();
  });

  it("shows a host's key fingerprint before it is added", async () => {
    const upstream = state.hosts.find((h) => h.name === "upstream")!;
    const page = await open("/hosts/new");
    await page.getByLabel("Name", { exact: true }).fill("upstream-again");
    await page.getByLabel("Address").fill(upstream.address);
    await page.getByLabel("User").fill("twscope-lab");
    await page.getByLabel("Private key file (on the twscope server)").fill(path.join(labDir(), "monitor_key"));
    await page.getByRole("button", { name: "Fetch host key" }).click();
    await expect(page.getByTestId("scanned-fingerprint").innerText()).resolves.toBe(upstream.fingerprint);
    await expect(page.getByRole("button", { name: "Save host" }).isDisabled()).resolves.toBe(true);
    await shoot(page, "new-host-desktop-light");
    await page.context().close();
  });

  it("fits a 390 px phone without horizontal scrolling, in light and dark", async () => {
    const host = state.hosts.find((h) => h.name === "web-active-close")!;
    for (const [url, name] of [
      ["/", "fleet"],
      [`/hosts/${host.twscopeId}`, "host"],
      ["/hosts/new", "new-host"],
    ] as const) {
      for (const dark of [false, true]) {
        const page = await open(url, { width: 390, dark });
        await page.locator("h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${url} (${dark ? "dark" : "light"})`).toBeLessThanOrEqual(0);
        await shoot(page, `${name}-phone-${dark ? "dark" : "light"}`);
        await page.context().close();
      }
    }
    for (const [url, name] of [
      ["/", "fleet"],
      [`/hosts/${host.twscopeId}`, "host"],
    ] as const) {
      const page = await open(url, { dark: true });
      await page.locator("h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      await shoot(page, `${name}-desktop-dark`);
      await page.context().close();
    }
  }, 180_000);
});

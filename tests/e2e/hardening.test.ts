import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumRunnable, useBrowserApp } from "../support/browser-app";
import { ADMIN, addUser } from "../support/next-app";

const runnable = chromiumRunnable("the hardening test");

// Attacks on a running twscope (the built app, as npm start serves it), each of which once worked.
describe.runIf(runnable)("a running twscope under attack", { timeout: 90_000 }, () => {
  const { app, dataDir, newContext } = useBrowserApp({
    name: "hardening",
    env: { TWSCOPE_POLLER: "off" },
    seed: (dataDir) => addUser(dataDir, "victim", "victim-password-1", "viewer"),
  });

  it("gives a parallel burst of 50 sign-ins no more than 5 password checks: the right password at #45 is refused", async () => {
    const attempts = Array.from({ length: 50 }, (_, i) =>
      fetch(`${app.base}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "victim", password: i === 44 ? "victim-password-1" : `guess-${i}-password` }),
      }).then((r) => r.status),
    );
    const statuses = await Promise.all(attempts);
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(45);
    expect(statuses[44]).toBe(429);
  });

  it("ignores a session cookie with broken percent-encoding instead of failing every route", async () => {
    for (const p of ["/api/health", "/api/session", "/signin"]) {
      const res = await fetch(`${app.base}${p}`, { headers: { cookie: "twscope_session=%" }, redirect: "manual" });
      expect([p, res.status]).toEqual([p, 200]);
    }
    expect((await fetch(`${app.base}/`, { headers: { cookie: "twscope_session=%" }, redirect: "manual" })).status).toBe(307);
  });

  it("answers 404 to a share-link token that does not decode, page and JSON alike", async () => {
    for (const p of ["/s/%E0%A4%A", "/api/s/%E0%A4%A", "/s/%", "/api/s/%"]) {
      expect([p, (await fetch(`${app.base}${p}`)).status]).toEqual([p, 404]);
    }
  });

  it("sends a signed-in user only to same-origin paths after sign-in, and never answers 500 for a bad next", async () => {
    const port = new URL(app.base).port;
    for (const next of [`/%09/127.0.0.1:${port}/x`, "/%0a/x", `/%5C127.0.0.1:${port}/x`, "//127.0.0.1/x", "/%E0%A4%A"]) {
      const res = await fetch(`${app.base}/signin?next=${next}`, { headers: { cookie: app.cookie }, redirect: "manual" });
      expect([next, res.status, res.headers.get("location")]).toEqual([next, 307, "/"]);
    }
    const kept = await fetch(`${app.base}/signin?next=${encodeURIComponent("/hosts/1?range=6h")}`, {
      headers: { cookie: app.cookie },
      redirect: "manual",
    });
    expect(kept.headers.get("location")).toBe("/hosts/1?range=6h");
  });

  it("lands a sign-in through the form on this origin, whatever next points at", async () => {
    const port = new URL(app.base).port;
    const context = await newContext({ signedIn: false });
    try {
      const page = await context.newPage();
      await page.goto(`${app.base}/signin?next=/%09/127.0.0.1:${port}/x`);
      await page.locator("html[data-hydrated]").waitFor();
      await page.getByLabel("User").fill(ADMIN.name);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
      expect(new URL(page.url()).origin).toBe(app.base);
      expect(new URL(page.url()).pathname).toBe("/");
    } finally {
      await context.close();
    }
  });

  it("keeps the data directory and the database private to the service user", () => {
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dataDir).filter((f) => f.startsWith("twscope.db"))) {
      expect([f, fs.statSync(path.join(dataDir, f)).mode & 0o777]).toEqual([f, 0o600]);
    }
  });
});

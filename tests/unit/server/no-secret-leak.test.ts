import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createChannel } from "@/server/services/alerts/channels";
import { createHost } from "@/server/services/hosts/hosts";
import { sessionCookieFor, request } from "../../support/auth";
import { useTestContext } from "../../support/context";
import { encryptedKeyPair } from "../../support/keys";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-leak-" });

const API_DIR = fileURLToPath(new URL("../../../app/api/", import.meta.url));
const METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const PASSPHRASE = `pass ${crypto.randomBytes(12).toString("base64url")}`;
const PRIVATE_KEY = encryptedKeyPair(PASSPHRASE).private;
const PASSWORD = `pw-${crypto.randomBytes(15).toString("base64url")}`;
const FAKE_FINGERPRINT = `SHA256:${"A".repeat(43)}`;

/** The key without whitespace, so a slice is found whether a response holds it raw or JSON-escaped. */
const squash = (text: string) => text.replace(/\\[nrt]|\s/g, "");
const KEY_SLICES = ((key) => Array.from({ length: key.length - 15 }, (_, i) => key.slice(i, i + 16)))(squash(PRIVATE_KEY));

function leaksIn(text: string): string[] {
  const flat = squash(text);
  const found: string[] = [];
  if (text.includes(PASSPHRASE) || flat.includes(squash(PASSPHRASE))) found.push("the passphrase");
  if (flat.includes(PASSWORD)) found.push("the password");
  const slice = KEY_SLICES.find((s) => flat.includes(s));
  if (slice) found.push(`a slice of the private key (${slice})`);
  return found;
}

interface Route {
  urlPath: string;
  params: string[];
  module: Partial<Record<Method, RouteHandler>>;
}

/** Every `app/api/**\/route.ts`, found on disk so routes added later are scanned too. */
async function discoverRoutes(): Promise<Route[]> {
  const files = (fs.readdirSync(API_DIR, { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts").sort();
  return Promise.all(
    files.map(async (file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s && s !== ".");
      return {
        urlPath: `/api/${segments.join("/")}`,
        params: segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1)),
        module: (await import(path.join(API_DIR, file))) as Route["module"],
      };
    }),
  );
}

describe("no route returns a stored secret", () => {
  let routes: Route[];
  let keyHostId: number;
  let passwordHostId: number;
  /** Values for dynamic segments: ids of hosts made here plus ids and tokens that responses handed out. */
  const ids = new Set<string>();
  const tokens = new Set<string>(["no-such-token"]);
  const scanned: { call: string; status: number; leaks: string[] }[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    routes = await discoverRoutes();
    keyHostId = (
      await createHost(
        ctx,
        {
          name: "leak-key",
          address: "127.0.0.1",
          port: 1,
          username: "u",
          authMethod: "stored",
          tags: [],
          secret: { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE },
        },
        "test",
      )
    ).id;
    passwordHostId = (
      await createHost(
        ctx,
        {
          name: "leak-password",
          address: "127.0.0.1",
          port: 1,
          username: "u",
          authMethod: "stored",
          tags: [],
          secret: { kind: "password", password: PASSWORD },
        },
        "test",
      )
    ).id;
    ids.add(String(keyHostId)).add(String(passwordHostId));
    const channel = await createChannel(
      ctx,
      {
        name: "leak-channel",
        kind: "webhook",
        url: `http://127.0.0.1:1/hook/${PASSWORD}`,
        bearerToken: PASSWORD,
        enabled: true,
        options: { body: "alertmanager" },
      },
      "test",
    );
    ids.add(String(channel.id));
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
  });

  /** Bodies that reach past validation where the route is known; `{}` elsewhere (a 4xx is fine: the answer is scanned all the same). */
  function bodiesFor(method: Method, urlPath: string, id: string | undefined): object[] {
    const key = `${method} ${urlPath}`;
    if (key === "POST /api/hosts") {
      return [
        {
          name: `leak-new-${scanned.length}`,
          address: "127.0.0.1",
          port: 1,
          username: "u",
          authMethod: "stored",
          secret: { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE },
        },
      ];
    }
    if (key === "PUT /api/hosts/[id]/secret") {
      const same =
        id === String(passwordHostId)
          ? { kind: "password", password: PASSWORD }
          : { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE };
      return [
        same,
        { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: `${PASSPHRASE}-wrong` },
        { kind: "private-key", privateKey: PRIVATE_KEY.replace(/\n[A-Za-z0-9+/]{30}/, "\n#") },
      ];
    }
    if (key === "PATCH /api/hosts/[id]")
      return [{ tags: ["scanned"] }, { authMethod: "stored", secret: { kind: "password", password: PASSWORD, extra: PASSPHRASE } }];
    if (key === "POST /api/connection-test") {
      return [
        {
          address: "127.0.0.1",
          port: 1,
          username: "u",
          authMethod: "stored",
          hostKeyFingerprint: FAKE_FINGERPRINT,
          secret: { kind: "password", password: PASSWORD },
        },
        {
          address: "127.0.0.1",
          port: 1,
          username: "u",
          authMethod: "stored",
          hostKeyFingerprint: FAKE_FINGERPRINT,
          secret: { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE },
        },
      ];
    }
    // A channel's URL and bearer token are secrets too; its test send fails (nothing listens on port 1) and is logged.
    if (key === "POST /api/alerts/channels")
      return [
        { name: `leak-channel-${scanned.length}`, kind: "webhook", url: `http://127.0.0.1:1/hook/${PASSWORD}`, bearerToken: PASSWORD },
      ];
    if (key === "PATCH /api/alerts/channels/[id]") return [{ url: `http://127.0.0.1:1/moved/${PASSWORD}?token=${PASSWORD}` }];
    if (key === "POST /api/snapshots") return [{ kind: "host", hostId: keyHostId, range: "1h" }, { kind: "fleet" }];
    return [{}];
  }

  function paramSets(route: Route): Record<string, string>[] {
    return route.params.reduce<Record<string, string>[]>(
      (sets, name) => {
        const values = name === "token" ? [...tokens] : [...ids];
        return sets.flatMap((s) => values.map((v) => ({ ...s, [name]: v })));
      },
      [{}],
    );
  }

  async function scan(route: Route, method: Method): Promise<void> {
    const handler = route.module[method];
    if (!handler) return;
    for (const params of paramSets(route)) {
      const url = `http://t${route.urlPath.replace(/\[([^\]]+)\]/g, (_, name: string) => params[name]!)}`;
      const bodies = method === "GET" || method === "DELETE" ? [undefined] : bodiesFor(method, route.urlPath, params.id);
      for (const body of bodies) {
        const cookie = await sessionCookieFor(ctx, "admin");
        const call = `${method} ${url}`;
        let text: string;
        let status: number;
        try {
          const res = await handler(request(url, { method, body, cookie }), { params: Promise.resolve(params) });
          status = res.status;
          text = `${JSON.stringify([...res.headers])}\n${await res.text()}`;
        } catch (err) {
          status = -1;
          text = String(err instanceof Error ? `${err.message}\n${err.stack}` : err);
        }
        collectReferences(text);
        scanned.push({ call, status, leaks: leaksIn(text) });
      }
    }
  }

  function collectReferences(text: string): void {
    for (const m of text.matchAll(/"token":"([^"]+)"/g)) tokens.add(m[1]!);
    for (const m of text.matchAll(/"id":(\d+)/g)) ids.add(m[1]!);
  }

  it("finds the routes, this feature's among them", () => {
    expect(routes.map((r) => r.urlPath)).toEqual(
      expect.arrayContaining(["/api/hosts", "/api/hosts/[id]", "/api/hosts/[id]/secret", "/api/connection-test"]),
    );
  });

  it("answers every method of every route without the key, any 16-character slice of it, the passphrase or the password", async () => {
    // Writes first (they hand out ids and tokens), then reads, deletes last and deepest path first
    // (a host's secret before the host), as they remove what the others use.
    for (const method of METHODS) {
      const ordered = method === "DELETE" ? [...routes].sort((a, b) => b.urlPath.length - a.urlPath.length) : routes;
      for (const route of ordered) await scan(route, method);
    }
    const byCall = (call: string) => scanned.filter((s) => s.call === call);
    // The scan saw real host data, not only refusals.
    expect(byCall(`GET http://t/api/hosts/${keyHostId}`).map((s) => s.status)).toEqual([200]);
    expect(byCall(`PUT http://t/api/hosts/${keyHostId}/secret`).map((s) => s.status)).toEqual([200, 400, 400]);
    expect(byCall(`DELETE http://t/api/hosts/${keyHostId}/secret`).map((s) => s.status)).toEqual([409]);
    expect(byCall("POST http://t/api/alerts/channels").map((s) => s.status)).toEqual([201]);
    expect(scanned.filter((s) => /^POST .*\/api\/alerts\/channels\/\d+\/test$/.test(s.call)).map((s) => s.status)).toContain(200);
    expect(scanned.filter((s) => s.call.startsWith("GET ")).length).toBeGreaterThanOrEqual(routes.filter((r) => r.module.GET).length);
    expect(scanned.filter((s) => s.leaks.length > 0)).toEqual([]);
    expect(logged.filter((line) => leaksIn(line).length > 0)).toEqual([]);
  });
});

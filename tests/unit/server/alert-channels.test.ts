import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as channelsRoute from "@/app/api/alerts/channels/route";
import * as channelRoute from "@/app/api/alerts/channels/[id]/route";
import * as deliveriesRoute from "@/app/api/alerts/channels/[id]/deliveries/route";
import * as testRoute from "@/app/api/alerts/channels/[id]/test/route";
import { MAX_ATTEMPTS } from "@/lib/alerts/delivery";
import { enqueueNotifications } from "@/server/db/alert-outbox";
import { insertAlert } from "@/server/db/alerts";
import { listAudit } from "@/server/db/audit";
import { insertHost } from "@/server/db/hosts";
import { msg } from "@/lib/i18n/message";
import type { StoredAnnotations } from "@/lib/alerts/annotations";
import { request, sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";
import { startReceiver, type Receiver } from "../../support/receiver";

const ctx = await useTestContext({ TWSCOPE_PUBLIC_URL: "https://twscope.example" }, { install: true, prefix: "twscope-channels-" });
const { db } = ctx;

const TOKEN = "hook-token-Zq81mXv0";
const BEARER = "bearer-Kp3TnW9sYq";
let receiver: Receiver;
let cookie: string;

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const api = async (res: Response) => ({ status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) });
const create = async (body: object) => api(await channelsRoute.POST(request("http://t/api/alerts/channels", { body, cookie }), undefined));
const patch = async (id: number, body: object) =>
  api(await channelRoute.PATCH(request(`http://t/api/alerts/channels/${id}`, { method: "PATCH", body, cookie }), params(id)));
const deliveries = async (id: number) =>
  api(await deliveriesRoute.GET(request(`http://t/api/alerts/channels/${id}/deliveries`, { cookie }), params(id)));
const queueRows = async (channelId: number) =>
  (await db.all("SELECT * FROM alert_notifications WHERE channel_id = ? ORDER BY id", [channelId])) as {
    attempts: number;
    due_at: number;
    sent_at: number | null;
    gave_up_at: number | null;
    last_error: string | null;
  }[];

const hostA = await insertHost(db, { name: "web-a", address: "10.9.0.1", port: 22, username: "u", authMethod: "agent", tags: [] });
const hostB = await insertHost(db, { name: "web-b", address: "10.9.0.2", port: 22, username: "u", authMethod: "agent", tags: [] });

/** A firing alert queued for every enabled channel, due `dueInMs` from now. */
async function queueFiring(
  host: { id: number; name: string },
  subject: string,
  dueInMs = 0,
  annotations: StoredAnnotations = { summary: `${host.name}: ports toward ${subject}`, url: `https://twscope.example/hosts/${host.id}` },
): Promise<number> {
  const now = Date.now();
  const id = await insertAlert(db, {
    ruleId: "destination-port-use",
    hostId: host.id,
    subject,
    state: "firing",
    severity: "critical",
    labels: { alertname: "destination-port-use", host: host.name, severity: "critical", destination: subject },
    annotations,
    value: 0.9,
    pendingSince: now - 60_000,
    firingSince: now,
    resolvedAt: null,
    lastEvalAt: now,
    notified: "firing",
  });
  await enqueueNotifications(db, { alertId: id, hostId: host.id, status: "firing", now, dueAt: now + dueInMs });
  return id;
}

/** Every text an admin can read about channels: each route's answer and the audit log. */
async function everythingShown(id: number): Promise<string> {
  const list = await channelsRoute.GET(request("http://t/api/alerts/channels", { cookie }), undefined);
  const one = await channelRoute.GET(request(`http://t/api/alerts/channels/${id}`, { cookie }), params(id));
  return [await list.text(), await one.text(), JSON.stringify((await deliveries(id)).body), JSON.stringify(await listAudit(db, 500))].join(
    "\n",
  );
}

beforeAll(async () => {
  receiver = await startReceiver();
  cookie = await sessionCookieFor(ctx, "admin");
});
afterAll(() => receiver.close());

describe("alert channels through the API", () => {
  it("creates a channel and shows only the URL's scheme and host, never the URL's token or the bearer token", async () => {
    const res = await create({ name: "ops", kind: "webhook", url: `${receiver.origin}/hook/${TOKEN}?k=${TOKEN}`, bearerToken: BEARER });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "ops",
      kind: "webhook",
      enabled: true,
      options: { body: "alertmanager" },
      urlHint: `${receiver.origin}/…`,
      hasBearerToken: true,
      queued: 0,
      lastDelivery: null,
    });
    const row = (await db.get("SELECT * FROM alert_channels WHERE id = ?", [res.body.id])) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(Buffer.from(row.ciphertext as Buffer).toString("latin1")).not.toContain(TOKEN);
    expect(await everythingShown(res.body.id)).not.toMatch(new RegExp(`${TOKEN}|${BEARER}`));
    expect((await listAudit(db, 10)).find((a) => a.action === "alert-channel.add")).toMatchObject({ target: "ops", actor: "test-admin" });
  });

  it("refuses a URL that is not http(s), a Slack channel with a token, a taken name, an unknown channel", async () => {
    const bad = await create({ name: "x", kind: "webhook", url: "file:///etc/passwd" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_input"]);
    const slack = await create({ name: "s", kind: "slack", url: "https://hooks.slack.test/services/T/B/C", bearerToken: "x" });
    expect(slack.status).toBe(400);
    const taken = await create({ name: "ops", kind: "webhook", url: "http://127.0.0.1:1/" });
    expect([taken.status, taken.body.error.code]).toEqual([409, "conflict"]);
    expect((await patch(9999, { enabled: false })).status).toBe(404);
    expect((await create({ name: "y", kind: "pager", url: "http://127.0.0.1:1/" })).status).toBe(400);
  });

  it("sends one message per host: the notices queued for that host and channel go together, due or not", async () => {
    const [ops] = (await channelsRoute.GET(request("http://t/api/alerts/channels", { cookie }), undefined).then((r) => r.json())).channels;
    await queueFiring(hostA, "10.0.0.9:8080");
    await queueFiring(hostA, "10.0.0.9:8081", 60_000);
    await queueFiring(hostB, "10.0.0.9:8080");
    const before = receiver.requests.length;
    expect(await ctx.notifier.kick()).toMatchObject({ sent: 2, failed: 0 });
    const got = receiver.requests.slice(before);
    const byHost = Object.fromEntries(got.map((r) => [(r.body as any).groupLabels.host, (r.body as any).alerts.length]));
    expect(byHost).toEqual({ "web-a": 2, "web-b": 1 });
    expect(got.every((r) => r.headers.authorization === `Bearer ${BEARER}` && r.path === `/hook/${TOKEN}?k=${TOKEN}`)).toBe(true);
    expect((await queueRows(ops.id)).every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    expect(await ctx.notifier.kick()).toMatchObject({ sent: 0 });
    const log = (await deliveries(ops.id)).body;
    expect(log.deliveries.slice(0, 2).map((d: any) => [d.kind, d.ok, d.httpStatus, d.attempt])).toEqual([
      ["notify", true, 200, 1],
      ["notify", true, 200, 1],
    ]);
  });

  it("retries a failing channel with backoff, logs each attempt without its secrets, and gives up after 10", async () => {
    const { body: channel } = await create({
      name: "failing",
      kind: "webhook",
      url: `${receiver.origin}/broken/${TOKEN}`,
      bearerToken: BEARER,
    });
    await patch(1, { enabled: false }); // "ops", created first: only this channel gets the new notice
    const warned: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warned.push(args.join(" ")));
    receiver.answer.status = 500;
    receiver.answer.body = `upstream broke while handling /broken/${TOKEN} (auth Bearer ${BEARER})`;
    try {
      await queueFiring(hostA, "10.0.0.9:9000");
      let at = Date.now();
      const waits: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await ctx.notifier.kick(at)).toMatchObject({ failed: 1 });
        const [row] = await queueRows(channel.id);
        expect(row!.attempts).toBe(attempt);
        if (attempt < MAX_ATTEMPTS) {
          waits.push(Math.round((row!.due_at - Date.now()) / 1000));
          at = row!.due_at;
        } else expect(row!.gave_up_at).not.toBeNull();
      }
      expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 600, 600]);
      expect(await ctx.notifier.kick(at + 3_600_000)).toMatchObject({ sent: 0, failed: 0 });
      const { body } = await deliveries(channel.id);
      expect(body.deliveries.map((d: any) => d.attempt)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(body.deliveries.every((d: any) => !d.ok && d.httpStatus === 500)).toBe(true);
      expect(body.lastError).toMatchObject({ attempt: 10, httpStatus: 500 });
      expect(body.lastError.error).toMatch(/^HTTP 500 Internal Server Error: upstream broke while handling …/);
      expect(body.gaveUp).toBe(1);
      const texts = `${await everythingShown(channel.id)}\n${JSON.stringify(await queueRows(channel.id))}`;
      expect(texts).not.toMatch(new RegExp(`${TOKEN}|${BEARER}`));
      expect(warned).toHaveLength(MAX_ATTEMPTS);
      expect(warned.join("\n")).not.toMatch(new RegExp(`${TOKEN}|${BEARER}`));
    } finally {
      vi.restoreAllMocks();
      receiver.answer.status = 200;
      receiver.answer.body = "ok";
    }
  });

  it("a disabled channel gets nothing, and what it had queued is given up", async () => {
    const { body: quiet } = await create({ name: "quiet", kind: "webhook", url: `${receiver.origin}/quiet` });
    await patch(quiet.id, { enabled: false }).then(() => patch(quiet.id, { enabled: true }));
    await queueFiring(hostB, "10.0.0.9:9100", 60_000);
    const edited = await patch(quiet.id, { enabled: false, name: "quiet-2", options: { body: "generic" } });
    expect(edited.body).toMatchObject({ enabled: false, name: "quiet-2", options: { body: "generic" }, queued: 0, gaveUp: 1 });
    expect((await queueRows(quiet.id))[0]!.last_error).toBe("the channel was disabled");
    expect((await listAudit(db, 5)).find((a) => a.action === "alert-channel.edit")!.details).toMatchObject({
      fields: ["name", "enabled", "options"],
    });
  });

  it("a new URL or token replaces the stored one; a null token removes it", async () => {
    const { body: c } = await create({ name: "moving", kind: "webhook", url: `${receiver.origin}/old`, bearerToken: BEARER });
    const moved = await patch(c.id, { url: `${receiver.origin}/new/${TOKEN}` });
    expect(moved.body).toMatchObject({ hasBearerToken: true, urlHint: `${receiver.origin}/…` });
    const res = await testRoute.POST(request(`http://t/api/alerts/channels/${c.id}/test`, { method: "POST", cookie }), params(c.id));
    expect((await res.json()).delivery).toMatchObject({ ok: true, httpStatus: 200, kind: "test" });
    expect(receiver.requests.at(-1)).toMatchObject({ path: `/new/${TOKEN}`, headers: { authorization: `Bearer ${BEARER}` } });
    expect((await patch(c.id, { bearerToken: null })).body.hasBearerToken).toBe(false);
    await testRoute.POST(request(`http://t/api/alerts/channels/${c.id}/test`, { method: "POST", cookie }), params(c.id));
    expect(receiver.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(receiver.requests.at(-1)!.path).toBe(`/new/${TOKEN}`);
  });

  it("deletes a channel with its queue and delivery log", async () => {
    const { body: c } = await create({ name: "gone", kind: "slack", url: `${receiver.origin}/services/T/B/${TOKEN}` });
    await testRoute.POST(request(`http://t/api/alerts/channels/${c.id}/test`, { method: "POST", cookie }), params(c.id));
    expect((receiver.requests.at(-1)!.body as any).text).toMatch(/^\[FIRING:1\] twscope: twscope-test/);
    const res = await channelRoute.DELETE(request(`http://t/api/alerts/channels/${c.id}`, { method: "DELETE", cookie }), params(c.id));
    expect(res.status).toBe(204);
    expect((await deliveries(c.id)).status).toBe(404);
    expect(await db.get("SELECT COUNT(*) AS n FROM alert_deliveries WHERE channel_id = ?", [c.id])).toEqual({ n: 0 });
    expect((await listAudit(db, 5)).find((a) => a.action === "alert-channel.remove")).toMatchObject({ target: "gone" });
  });

  it("writes each channel's notifications in its own language; an alert stored with English strings goes as it is", async () => {
    const generic = { options: { body: "generic" } };
    const { body: en } = await create({ name: "lang-en", kind: "webhook", url: `${receiver.origin}/lang/en`, ...generic });
    const { body: zh } = await create({
      name: "lang-zh",
      kind: "webhook",
      url: `${receiver.origin}/lang/zh`,
      ...generic,
      language: "zh-CN",
    });
    expect([en.language, zh.language]).toEqual(["en", "zh-CN"]);
    expect((await patch(zh.id, { language: "en" })).body.language).toBe("en");
    expect((await patch(zh.id, { language: "zh-CN" })).body.language).toBe("zh-CN");
    expect((await create({ name: "lang-fr", kind: "webhook", url: `${receiver.origin}/lang/fr`, language: "fr" })).status).toBe(400);
    await create({ name: "lang-am", kind: "alertmanager", url: `${receiver.origin}/lang/am`, language: "zh-CN" });
    // As the evaluator stores it: sentences as data.
    await queueFiring(hostA, "10.0.0.9:7000", 0, {
      summary: msg("notify.summary", {
        host: hostA.name,
        summary: msg("notify.condition.portUse.summary", { destination: "10.0.0.9:7000", share: 92 }),
      }),
      description: [
        msg("notify.condition.hostStale.evidence"),
        msg("notify.condition.timeWait.atOrAbove", { count: 12000, atLeast: 10000 }),
      ],
      url: `https://twscope.example/hosts/${hostA.id}`,
    });
    // As alerts were stored before they were data.
    await queueFiring(hostB, "legacy", 0, { summary: "web-b: ports toward legacy", description: "line one\nline two" });
    const before = receiver.requests.length;
    await ctx.notifier.kick();
    const sent = receiver.requests.slice(before);
    const alertsTo = (path: string) =>
      sent
        .filter((r) => r.path === path)
        .flatMap((r) => (r.body as any).alerts as { summary: string; description: string; severity: string }[]);
    const summaries = (path: string) => alertsTo(path).map((a) => [a.summary, a.description, a.severity]);
    expect(summaries("/lang/en")).toEqual(
      expect.arrayContaining([
        [
          "web-a: Local ports toward 10.0.0.9:7000 92% used",
          "the newest sample is older than 3 poll intervals\n12,000 TIME_WAIT, at or above 10,000",
          "critical",
        ],
        ["web-b: ports toward legacy", "line one\nline two", "critical"],
      ]),
    );
    expect(summaries("/lang/zh")).toEqual(
      expect.arrayContaining([
        [
          "web-a：到 10.0.0.9:7000 的本地端口已用 92%",
          "最新一次采样已早于 3 个采集周期\nTIME_WAIT 12,000 个，达到或超过 10,000",
          "critical",
        ],
        ["web-b: ports toward legacy", "line one\nline two", "critical"],
      ]),
    );
    // Alertmanager's API body: the annotations in the channel's language, the labels as they are.
    const am = sent
      .filter((r) => r.path === "/lang/am/api/v2/alerts")
      .flatMap((r) => r.body as { labels: Record<string, string>; annotations: Record<string, string> }[])
      .find((a) => a.labels.destination === "10.0.0.9:7000");
    expect(am).toMatchObject({
      labels: { alertname: "destination-port-use", severity: "critical" },
      annotations: { summary: "web-a：到 10.0.0.9:7000 的本地端口已用 92%" },
    });
    // The pages and the API read the same alerts in the reader's language.
    const open = async (language: string) =>
      (
        await (
          await alertsRoute.GET(request("http://t/api/alerts", { cookie, headers: { "accept-language": language } }), undefined)
        ).json()
      ).alerts as { subject: string; summary: string; evidence: string[] }[];
    const shown = (alerts: { subject: string; summary: string; evidence: string[] }[], subject: string) =>
      alerts.find((a) => a.subject === subject)!;
    expect(shown(await open("zh-CN"), "10.0.0.9:7000")).toMatchObject({ summary: "到 10.0.0.9:7000 的本地端口已用 92%" });
    expect(shown(await open("en"), "10.0.0.9:7000")).toMatchObject({ summary: "Local ports toward 10.0.0.9:7000 92% used" });
    expect(shown(await open("zh-CN"), "legacy")).toMatchObject({ summary: "ports toward legacy", evidence: ["line one", "line two"] });
  });

  it("forgets sent and given-up notices after a week", async () => {
    const count = async () => ((await db.get("SELECT COUNT(*) AS n FROM alert_notifications")) as { n: number }).n;
    expect(await count()).toBeGreaterThan(0);
    await ctx.notifier.kick(Date.now() + 8 * 86_400_000); // sends what is left, prunes what was sent before
    await ctx.notifier.kick(Date.now() + 9 * 86_400_000);
    expect(await count()).toBe(0);
  });
});

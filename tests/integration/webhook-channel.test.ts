import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as channelsRoute from "@/app/api/alerts/channels/route";
import * as channelRoute from "@/app/api/alerts/channels/[id]/route";
import * as deliveriesRoute from "@/app/api/alerts/channels/[id]/deliveries/route";
import * as testRoute from "@/app/api/alerts/channels/[id]/test/route";
import { fingerprint, ZERO_TIME } from "@/lib/alerts/payloads";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { getRule, saveRule } from "@/server/db/alert-rules";
import { insertHost, type HostRecord } from "@/server/db/hosts";
import { recordSample } from "@/server/ingest/record-sample";
import { request, sessionCookieFor } from "../support/auth";
import { useTestContext } from "../support/context";
import { labBundleAt } from "../support/fixtures";
import { startReceiver, type Receiver } from "../support/receiver";

// Notices go out 1 s after they are queued (the group wait), through the notifier's own timer.
const ctx = await useTestContext(
  { TWSCOPE_PUBLIC_URL: "https://twscope.example", TWSCOPE_ALERT_GROUP_WAIT: "1" },
  { install: true, prefix: "twscope-webhook-" },
);
const TOKEN = "T0KEN-in-the-path-9QwX";

let ok: Receiver;
let broken: Receiver;
let hanging: Receiver;
let cookie: string;
let hostA: HostRecord;
let hostB: HostRecord;
let hostC: HostRecord;

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const createChannel = async (body: object) => {
  const res = await channelsRoute.POST(request("http://t/api/alerts/channels", { body, cookie }), undefined);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number };
};
const sendTest = async (id: number) =>
  (await (await testRoute.POST(request(`http://t/api/alerts/channels/${id}/test`, { method: "POST", cookie }), params(id))).json())
    .delivery;

/** One poll's worth: the sample stored the way a poll stores it, then the rules evaluated on it, as the poller does. */
async function poll(host: HostRecord, bundle: string) {
  const { sample } = parseAnyBundle(labBundleAt(bundle, 0));
  const at = Date.now();
  const { rates } = await recordSample(ctx.db, { hostId: host.id, at, sample, bytes: 1, durationMs: 1 });
  return ctx.alerts.afterPoll({ hostId: host.id, status: "ok", at, error: null, sample, rates });
}

type Body = { status: string; alerts: { status: string; labels: Record<string, string> }[] } & Record<string, any>;
const bodies = (r: Receiver) => r.requests.map((q) => q.body as Body);
const portUse = (b: Body) => b.alerts.find((a) => a.labels.alertname === "destination-port-use");

beforeAll(async () => {
  ok = await startReceiver();
  broken = await startReceiver({ status: 500, body: "receiver is down for maintenance" });
  hanging = await startReceiver({ status: 0, body: "" });
  cookie = await sessionCookieFor(ctx, "admin");
  // Fire at once instead of after the built-in 60 s.
  await saveRule(ctx.db, { ...(await getRule(ctx.db, "destination-port-use"))!, forSeconds: 0 });
  ctx.alerts.settingsChanged();
  const host = (name: string, n: number) =>
    insertHost(ctx.db, { name, address: `10.9.0.${n}`, port: 22, username: "u", authMethod: "agent", tags: [] });
  hostA = await host("exhausted-a", 1);
  hostB = await host("exhausted-b", 2);
  hostC = await host("exhausted-c", 3);
  ctx.notifier.start();
});
afterAll(async () => {
  await ctx.notifier.stop();
  await Promise.all([ok?.close(), broken?.close(), hanging?.close()]);
});

describe("a webhook channel with Alertmanager's body", () => {
  let channelId: number;

  it("gets the firing alert in Alertmanager's webhook body, with every field", async () => {
    channelId = (
      await createChannel({ name: "ops", kind: "webhook", url: `${ok.origin}/hook/${TOKEN}`, options: { body: "alertmanager" } })
    ).id;
    expect(await poll(hostA, "client-port-exhaustion.txt")).toMatchObject({ fired: 1 });
    await ok.waitFor((rs) => rs.some((r) => r.path === `/hook/${TOKEN}` && portUse(r.body as Body)?.status === "firing"));
    const body = bodies(ok).find((b) => portUse(b))!;
    const labels = {
      alertname: "destination-port-use",
      host: "exhausted-a",
      severity: "critical",
      destination: "198.18.0.10:8080",
    };
    expect(body).toMatchObject({
      version: "4",
      groupKey: '{}:{host="exhausted-a"}',
      truncatedAlerts: 0,
      status: "firing",
      receiver: "ops",
      groupLabels: { host: "exhausted-a" },
      commonLabels: { host: "exhausted-a" },
      externalURL: "https://twscope.example",
    });
    expect(body.commonAnnotations).toEqual(expect.any(Object));
    const alert = portUse(body)!;
    expect(alert).toMatchObject({
      status: "firing",
      labels,
      endsAt: ZERO_TIME,
      generatorURL: `https://twscope.example/hosts/${hostA.id}`,
      fingerprint: fingerprint(labels),
      annotations: {
        summary: "exhausted-a: Local ports toward 198.18.0.10:8080 100% used",
        rule: "Local ports toward one destination running out",
        url: `https://twscope.example/hosts/${hostA.id}`,
        description: expect.stringContaining("1,000 TIME_WAIT to 198.18.0.10:8080"),
      },
    });
    expect(Math.abs(Date.parse((alert as any).startsAt) - Date.now())).toBeLessThan(30_000);
    expect(ok.requests.find((r) => portUse(r.body as Body))!.headers["content-type"]).toBe("application/json");
  });

  it("then gets it resolved, with the time it resolved and the same fingerprint", async () => {
    const fired = portUse(bodies(ok).find((b) => portUse(b))!)! as any;
    expect(await poll(hostA, "keepalive-healthy.txt")).toMatchObject({ resolved: 1 });
    await ok.waitFor((rs) => rs.some((r) => portUse(r.body as Body)?.status === "resolved"));
    const body = bodies(ok).find((b) => portUse(b)?.status === "resolved")!;
    expect(body).toMatchObject({ version: "4", status: "resolved", groupKey: '{}:{host="exhausted-a"}' });
    const alert = portUse(body)! as any;
    expect(alert).toMatchObject({ status: "resolved", fingerprint: fired.fingerprint, startsAt: fired.startsAt });
    expect(Date.parse(alert.endsAt)).toBeGreaterThanOrEqual(Date.parse(alert.startsAt));
    expect(alert.endsAt).not.toBe(ZERO_TIME);
  });

  it("answers a test notification with how it went, and the receiver gets a test alert", async () => {
    const delivery = await sendTest(channelId);
    expect(delivery).toMatchObject({ kind: "test", ok: true, httpStatus: 200, error: null, alerts: 1 });
    const last = ok.requests.at(-1)!.body as Body;
    expect(last).toMatchObject({ version: "4", status: "firing", alerts: [{ labels: { alertname: "twscope-test" } }] });
  });
});

describe("a receiver that answers 500", () => {
  let channelId: number;

  it("is retried with backoff, and its failures show in the delivery log with the last error", async () => {
    channelId = (await createChannel({ name: "down", kind: "webhook", url: `${broken.origin}/hook/${TOKEN}` })).id;
    expect(await poll(hostB, "client-port-exhaustion.txt")).toMatchObject({ fired: 1 });
    const requests = await broken.waitFor((rs) => rs.length >= 2, 20_000);
    // The first retry waits 5 s (retryDelayMs(1)); the notifier looks at its queue every second.
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(4_900);
    expect(requests[1]!.body).toEqual(requests[0]!.body);
    await ctx.notifier.kick(); // waits for the pass that sent the retry to log it
    const res = await deliveriesRoute.GET(request(`http://t/api/alerts/channels/${channelId}/deliveries`, { cookie }), params(channelId));
    const log = await res.json();
    expect(res.status).toBe(200);
    expect(log.deliveries.length).toBeGreaterThanOrEqual(2);
    expect(log.deliveries.slice(0, 2).map((d: any) => [d.kind, d.ok, d.httpStatus, d.attempt])).toEqual([
      ["notify", false, 500, 2],
      ["notify", false, 500, 1],
    ]);
    expect(log.deliveries[0].at).toBeGreaterThan(log.deliveries[1].at);
    expect(log.lastError).toMatchObject({ httpStatus: 500, error: "HTTP 500 Internal Server Error: receiver is down for maintenance" });
    expect(log.queued).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(log)).not.toContain(TOKEN);
    const detail = await (
      await channelRoute.GET(request(`http://t/api/alerts/channels/${channelId}`, { cookie }), params(channelId))
    ).json();
    expect(detail).toMatchObject({ name: "down", lastError: { httpStatus: 500 }, urlHint: `${broken.origin}/…` });
    expect(JSON.stringify(detail)).not.toContain(TOKEN);
  });

  it("a test notification to it reports the failure", async () => {
    expect(await sendTest(channelId)).toMatchObject({
      kind: "test",
      ok: false,
      httpStatus: 500,
      error: expect.stringContaining("HTTP 500"),
    });
  });

  it("the healthy channel got the same host's alert meanwhile: one failing receiver holds up no other", async () => {
    expect(bodies(ok).some((b) => b.groupLabels.host === "exhausted-b" && portUse(b)?.status === "firing")).toBe(true);
  });
});

describe("a receiver that never answers", () => {
  it("holds up no other channel, and its attempt ends at the 10 s deadline with the reason in the log", async () => {
    const id = (await createChannel({ name: "silent", kind: "webhook", url: `${hanging.origin}/hook` })).id;
    expect(await poll(hostC, "client-port-exhaustion.txt")).toMatchObject({ fired: 1 });
    await hanging.waitFor((rs) => rs.length >= 1);
    await ok.waitFor(() => bodies(ok).some((b) => b.groupLabels.host === "exhausted-c"));
    const logOf = async () =>
      (await (await deliveriesRoute.GET(request(`http://t/api/alerts/channels/${id}/deliveries`, { cookie }), params(id))).json()) as {
        deliveries: { ok: boolean; httpStatus: number | null; error: string | null; durationMs: number }[];
      };
    expect((await logOf()).deliveries).toEqual([]); // still waiting for an answer while the other channel got its message
    await ctx.notifier.kick(); // waits for the send under way: it ends at the 10 s deadline
    const [attempt] = (await logOf()).deliveries;
    expect(attempt).toMatchObject({ ok: false, httpStatus: null, error: "no answer within 10 s" });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(9_900);
  }, 30_000);
});

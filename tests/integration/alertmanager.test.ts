import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as channelsRoute from "@/app/api/alerts/channels/route";
import * as deliveriesRoute from "@/app/api/alerts/channels/[id]/deliveries/route";
import * as lab from "@/lab/lab";
import { fingerprint } from "@/lib/alerts/payloads";
import { getRule, saveRule } from "@/server/db/alert-rules";
import { request, sessionCookieFor } from "../support/auth";
import { useTestContext } from "../support/context";
import { exitOf, freePort, isRoot, waitForOutput } from "../support/processes";
import { startReceiver, type Receiver } from "../support/receiver";

const ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
// Polls every 2 s; notices go out 1 s after they are queued; firing alerts go to Alertmanager again every 10 s.
const ctx = await useTestContext(
  {
    TWSCOPE_POLL_INTERVAL: "2",
    TWSCOPE_SSH_READY_TIMEOUT: "10",
    TWSCOPE_PROBE_TIMEOUT: "10",
    TWSCOPE_ALERT_GROUP_WAIT: "1",
    TWSCOPE_ALERT_RESEND: "10",
    TWSCOPE_PUBLIC_URL: "http://127.0.0.1:3999",
  },
  { install: true, prefix: "twscope-am-" },
);

const runnable = isRoot() && fs.existsSync("/usr/sbin/sshd") && fs.existsSync(ALERTMANAGER);
if (!runnable) console.warn("skipping the Alertmanager test: it needs root (the lab), openssh-server and prometheus-alertmanager");

const HOST = "client-port-exhaustion";
// The lab's client traffic runs this long, then stops; its TIME_WAIT drains 60 s later.
const TRAFFIC_SECONDS = 30;

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}
type Notification = { status: string; alerts: { status: string; labels: Record<string, string>; endsAt: string; fingerprint: string }[] };

let dir = "";
let alertmanager: ChildProcess | undefined;
let amUrl = "";
let hook: Receiver;
let upstream = "";

const amAlerts = async (): Promise<AmAlert[]> =>
  (await fetch(`${amUrl}/api/v2/alerts?filter=${encodeURIComponent(`host="${HOST}"`)}`).then((r) => r.json())) as AmAlert[];
/** What Alertmanager itself notified its webhook receiver of, about the port-exhaustion alert. */
const notified = (status: string) =>
  hook.requests
    .map((r) => r.body as Notification)
    .flatMap((b) => b.alerts)
    .filter((a) => a.labels.host === HOST && a.labels.alertname === "destination-port-use" && a.status === status);

describe.runIf(runnable)("an alertmanager channel with the lab", () => {
  let channelId = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-am-"));
    hook = await startReceiver();
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    // Alertmanager notifies a local receiver of each group quickly, so its own view of firing and resolved is observable.
    fs.writeFileSync(
      path.join(dir, "am.yml"),
      [
        "route:",
        "  receiver: hook",
        "  group_by: [host, alertname]",
        "  group_wait: 1s",
        "  group_interval: 1s",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: hook",
        "    webhook_configs:",
        `      - url: ${hook.origin}/alertmanager`,
        "        send_resolved: true",
        "",
      ].join("\n"),
    );
    alertmanager = spawn(
      ALERTMANAGER,
      [`--config.file=${dir}/am.yml`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    await waitForOutput(alertmanager, /Listening on/, 20_000);

    // The built-in rule waits 60 s before it fires; 4 s here, so the test sees it within the traffic's run.
    await saveRule(ctx.db, { ...(await getRule(ctx.db, "destination-port-use"))!, forSeconds: 4 });
    ctx.alerts.settingsChanged();
    const cookie = await sessionCookieFor(ctx, "admin");
    const res = await channelsRoute.POST(
      // In Chinese: its summaries and descriptions are, its labels (Alertmanager's identity of the alert) are not.
      request("http://t/api/alerts/channels", {
        body: { name: "alertmanager", kind: "alertmanager", url: amUrl, language: "zh-CN" },
        cookie,
      }),
      undefined,
    );
    expect(res.status).toBe(201);
    channelId = ((await res.json()) as { id: number }).id;

    const state = await lab.up({ plainHosts: 0, durationSeconds: TRAFFIC_SECONDS, scenarios: true }, undefined, ctx);
    upstream = state.hosts.find((h) => h.name === "upstream")!.address;
    ctx.poller.start();
    ctx.notifier.start();
  }, 180_000);

  afterAll(async () => {
    await ctx.poller.stop();
    await ctx.notifier.stop();
    ctx.pool.closeAll();
    await lab.down(ctx);
    if (alertmanager && alertmanager.exitCode === null) {
      alertmanager.kill("SIGTERM");
      await exitOf(alertmanager);
    }
    await hook?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it("Alertmanager shows the port-exhaustion alert firing, with twscope's labels and fingerprint", async () => {
    await hook.waitFor(() => notified("firing").length > 0, 90_000);
    const alert = (await amAlerts()).find((a) => a.labels.alertname === "destination-port-use");
    const labels = { alertname: "destination-port-use", host: HOST, severity: "critical", destination: `${upstream}:8080` };
    expect(alert).toMatchObject({
      labels,
      status: { state: "active" },
      generatorURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3999\/hosts\/\d+$/),
    });
    expect(alert!.fingerprint).toBe(fingerprint(labels));
    expect(alert!.annotations.summary).toMatch(new RegExp(`^${HOST}：到 ${upstream.replace(/\./g, "\\.")}:8080 的本地端口已用 \\d+%$`));
    expect(alert!.annotations.description).toContain("connect() 报 EADDRNOTAVAIL");
    // Active until 4 re-send intervals from the last send.
    const ahead = Date.parse(alert!.endsAt) - Date.now();
    expect(ahead).toBeGreaterThan(10_000);
    expect(ahead).toBeLessThanOrEqual(40_000 + 2_000);
  }, 120_000);

  it("is re-sent while it fires, so Alertmanager keeps it active", async () => {
    const cookie = await sessionCookieFor(ctx, "admin");
    const log = async () =>
      (await (
        await deliveriesRoute.GET(request(`http://t/api/alerts/channels/${channelId}/deliveries`, { cookie }), {
          params: Promise.resolve({ id: String(channelId) }),
        })
      ).json()) as { deliveries: { kind: string; ok: boolean }[] };
    const deadline = Date.now() + 30_000;
    while (!(await log()).deliveries.some((d) => d.kind === "resend" && d.ok) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 500));
    expect((await log()).deliveries.filter((d) => d.kind === "resend" && d.ok).length).toBeGreaterThan(0);
    expect((await log()).deliveries.every((d) => d.ok)).toBe(true);
  }, 60_000);

  it("once the traffic has stopped and TIME_WAIT drained, Alertmanager has it resolved at the time twscope resolved it", async () => {
    await hook.waitFor(() => notified("resolved").length > 0, 150_000);
    const [resolved] = notified("resolved");
    const row = (await ctx.db.get(
      "SELECT resolved_at FROM alerts WHERE rule_id = 'destination-port-use' AND labels LIKE ? AND state = 'resolved'",
      [`%"host":"${HOST}"%`],
    )) as { resolved_at: number };
    expect(Date.parse(resolved!.endsAt)).toBe(row.resolved_at);
    expect(Date.parse(resolved!.endsAt)).toBeLessThanOrEqual(Date.now());
    // Resolved alerts leave Alertmanager's list of active ones.
    expect((await amAlerts()).filter((a) => a.labels.alertname === "destination-port-use" && a.status.state === "active")).toEqual([]);
  }, 180_000);
});

import "server-only";
import type { MetricFamily } from "@/lib/metrics/exposition";
import { openAlerts } from "../db/alerts";
import { listHosts } from "../db/hosts";
import { fleetSummaries } from "../services/fleet/summaries";
import type { AppContext } from "../context";

/**
 * What the alert rules read and raise, for Prometheus: firing alerts with their labels, the
 * advisor's findings on each host's latest sample, and host tags (so exported rules can scope by tag).
 * Series: one per firing alert, one per finding (at most one per advisor rule and host), one per tag.
 */
export async function alertMetrics(ctx: AppContext): Promise<MetricFamily[]> {
  const hosts = await listHosts(ctx.db);
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const firing: MetricFamily = {
    name: "twscope_alert_firing",
    type: "gauge",
    help: "1 for each alert firing in twscope, with its labels (alertname is the alert rule's id)",
    samples: (await openAlerts(ctx.db))
      .filter((a) => a.state === "firing")
      .map((a) => ({ labels: { ...a.labels, host: a.hostName }, value: 1 })),
  };
  const findings: MetricFamily = {
    name: "twscope_finding",
    type: "gauge",
    help: "1 for each advisor finding on the host's latest sample, by advisor rule and severity",
    samples: [...(await fleetSummaries(ctx.db))].flatMap(([hostId, summary]) => {
      const host = names.get(hostId);
      return host ? summary.findings.map((f) => ({ labels: { host, finding: f.ruleId, severity: f.severity }, value: 1 })) : [];
    }),
  };
  const tags: MetricFamily = {
    name: "twscope_host_tag",
    type: "gauge",
    help: "1 for each tag a host carries in twscope",
    samples: hosts.flatMap((h) => h.tags.map((tag) => ({ labels: { host: h.name, tag }, value: 1 }))),
  };
  return [firing, findings, tags];
}

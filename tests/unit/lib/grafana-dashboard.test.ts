import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hostFamilies } from "@/lib/metrics/host-metrics";

const text = fs.readFileSync("docs/grafana/twscope-dashboard.json", "utf8");

/** What Grafana needs of a dashboard to import it (its JSON model), as far as this one uses it. */
const datasource = z.object({ type: z.literal("prometheus"), uid: z.literal("${DS_PROMETHEUS}") });
const dashboardSchema = z.object({
  title: z.string().min(1),
  uid: z.string().regex(/^[\w-]{1,40}$/),
  schemaVersion: z.number().int().min(36),
  time: z.object({ from: z.string(), to: z.string() }),
  templating: z.object({
    list: z.array(
      z
        .object({ name: z.string().min(1), type: z.enum(["datasource", "query", "custom", "interval", "constant", "textbox"]) })
        .passthrough(),
    ),
  }),
  panels: z
    .array(
      z
        .object({
          id: z.number().int().positive(),
          type: z.enum(["timeseries", "stat", "table", "gauge", "bargauge"]),
          title: z.string().min(1),
          datasource,
          gridPos: z.object({
            h: z.number().int().positive(),
            w: z.number().int().min(1).max(24),
            x: z.number().int().min(0).max(23),
            y: z.number().int().min(0),
          }),
          targets: z.array(z.object({ refId: z.string().min(1), expr: z.string().min(1), datasource })).min(1),
        })
        .passthrough(),
    )
    .min(1),
});

const dashboard = dashboardSchema.parse(JSON.parse(text));
const exported = new Set(hostFamilies([], { topN: 10, now: 0 }).map((f) => f.name));

describe("docs/grafana/twscope-dashboard.json", () => {
  it("is a dashboard Grafana can import: the required fields, unique panel ids, panels inside the 24-column grid", () => {
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    expect(dashboard.panels.filter((p) => p.gridPos.x + p.gridPos.w > 24).map((p) => p.title)).toEqual([]);
    for (const p of dashboard.panels) expect(new Set(p.targets.map((t) => t.refId)).size).toBe(p.targets.length);
  });

  it("has a Prometheus data source variable and a host variable from twscope_time_wait's host label", () => {
    const vars = Object.fromEntries(dashboard.templating.list.map((v) => [v.name, v]));
    expect(vars.DS_PROMETHEUS).toMatchObject({ type: "datasource", query: "prometheus" });
    expect(vars.host).toMatchObject({ type: "query", definition: "label_values(twscope_time_wait, host)", includeAll: true });
  });

  it("has the panels the README promises", () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs).toContain('sum(twscope_time_wait{host=~"$host"})');
    expect(exprs).toContain('twscope_time_wait{host=~"$host"}');
    expect(exprs).toContain('twscope_time_wait_by_side{host=~"$host"}');
    expect(exprs).toContain('min by (host) (twscope_destination_port_headroom_ratio{host=~"$host"})');
    expect(exprs).toContain('twscope_destination_port_headroom_ratio{host=~"$host"}');
    expect(exprs.some((e) => /rate\(twscope_tcpext_tcp_time_wait_overflow_total/.test(e))).toBe(true);
    expect(exprs.some((e) => e.includes("twscope_host_up"))).toBe(true);
  });

  it("queries only metrics /metrics exports, each of which the README's metric table names", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Prometheus and Grafana"), readme.indexOf("### Scrape tokens"));
    expect([...exported].filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/twscope_[a-z_]+/g)].map((m) => m[0])));
    expect(used.length).toBeGreaterThan(10);
    expect([...new Set(used)].filter((name) => !exported.has(name))).toEqual([]);
  });
});

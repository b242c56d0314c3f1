/**
 * The Prometheus text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), written by hand: a family is a
 * name, its HELP and TYPE, and its samples; label values and HELP text are escaped here.
 */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type MetricType = "gauge" | "counter";

interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: MetricSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `\` → `\\`, `"` → `\"`, newline → `\n`, as the format requires inside a label value. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escapes only `\` and newline. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
}

/** Throws on what Prometheus would refuse or mis-read: a bad name, a counter not ending in `_total`, a family or series twice. */
function checkFamily(f: MetricFamily, seen: Set<string>): void {
  if (!METRIC_NAME.test(f.name)) throw new Error(`not a metric name: ${f.name}`);
  if (seen.has(f.name)) throw new Error(`metric family ${f.name} given twice`);
  seen.add(f.name);
  if (f.type === "counter" && !f.name.endsWith("_total")) throw new Error(`counter ${f.name} must end in _total`);
  const series = new Set<string>();
  for (const s of f.samples) {
    for (const k of Object.keys(s.labels)) {
      if (!LABEL_NAME.test(k) || k.startsWith("__")) throw new Error(`not a label name: ${k} (in ${f.name})`);
    }
    const key = formatLabels(Object.fromEntries(Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : 1))));
    if (series.has(key)) throw new Error(`series ${f.name}${key} given twice`);
    series.add(key);
  }
}

/** The exposition text of `families`, in their order; a family without samples is left out. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of families) {
    checkFamily(f, seen);
    if (f.samples.length === 0) continue;
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AnyMeasurements, Figure, Measurements, Unit } from "./figures";

/** A run's report; a run of one part (`--only scale`) holds that part's measurements only. */
export interface BenchReport<M extends AnyMeasurements = Measurements> {
  version: 1;
  date: string;
  quick: boolean;
  machine: { os: string; kernel: string; cpus: number; cpuModel: string; memoryGb: number; node: string };
  /** Wall time of each step, seconds: the whole run is meant to stay under 10 minutes. */
  durations: Record<string, number>;
  figures: Figure[];
  missed: string[];
  notes: string[];
  measurements: M;
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

export function machine(): BenchReport["machine"] {
  return {
    os: osName(),
    kernel: os.release(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");

function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return "n/a";
  switch (unit) {
    case "ms":
      return value >= 100 ? `${int(value)} ms` : `${value.toFixed(1)} ms`;
    case "s":
      return `${value.toFixed(1)} s`;
    case "x":
      return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
    case "MB":
      return `${value.toFixed(0)} MB`;
    case "bytes":
      if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(1)} MiB`;
      return value >= 10 * 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${int(value)} B`;
    default:
      return `${int(value)} ${unit}`;
  }
}

const targetText = (f: Figure) => (f.target ? `${f.target.op === "<=" ? "≤" : "≥"} ${formatValue(f.target.value, f.unit)}` : "");
const metText = (f: Figure) => (f.met === null ? "" : f.met ? "yes" : "**no**");

/** The figures as Markdown tables, one per section. */
function renderMarkdown(r: BenchReport<AnyMeasurements>): string {
  const lines = [
    `# twscope benchmark${r.quick ? " (quick run: CI sizes, targets are for the full run)" : ""}`,
    "",
    `${r.date} on ${r.machine.os}, ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, kernel ${r.machine.kernel}, Node ${r.machine.node}. ` +
      "Every time is a median of several rounds; ratios compare timings of this one run.",
    "",
  ];
  for (const section of [...new Set(r.figures.map((f) => f.section))]) {
    lines.push(`## ${section}`, "", "| figure | measured | target | met |", "|---|---:|---:|:--:|");
    for (const f of r.figures.filter((x) => x.section === section)) {
      const median = f.runs && f.runs > 1 ? `, median of ${f.runs}` : "";
      lines.push(
        `| ${f.label}${median}${f.note ? ` (${f.note})` : ""} | ${formatValue(f.value, f.unit)} | ${targetText(f)} | ${metText(f)} |`,
      );
    }
    lines.push("");
  }
  lines.push(r.missed.length ? `**Targets missed:** ${r.missed.join("; ")}.` : "Every target was met.", "");
  if (r.notes.length) lines.push("Notes:", "", ...r.notes.map((n) => `- ${n}`), "");
  lines.push(
    `Steps (s): ${Object.entries(r.durations)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(", ")}.`,
    "",
  );
  return lines.join("\n");
}

/** Writes report.json and report.md into `outDir`; returns the Markdown. */
export function writeReport(outDir: string, report: BenchReport<AnyMeasurements>): string {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = renderMarkdown(report);
  fs.writeFileSync(path.join(outDir, "report.md"), markdown);
  return markdown;
}

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

const medianText = (f: Figure) => (f.runs && f.runs > 1 ? `, median of ${f.runs}` : "");

function oneColumn(figures: Figure[]): string[] {
  return [
    "| figure | measured | target | met |",
    "|---|---:|---:|:--:|",
    ...figures.map(
      (f) =>
        `| ${f.label}${medianText(f)}${f.note ? ` (${f.note})` : ""} | ${formatValue(f.value, f.unit)} | ${targetText(f)} | ${metText(f)} |`,
    ),
  ];
}

/** A table with a column per `column` (an engine) and a row per `row`: the same figure measured on each, the target once, met per column. */
function sideBySide(figures: Figure[]): string[] {
  const columns = [...new Set(figures.map((f) => f.column ?? ""))];
  const rows = [...new Set(figures.map((f) => f.row ?? f.id))];
  return [
    `| figure | ${columns.join(" | ")} | target | met (${columns.join(" / ")}) |`,
    `|---|${columns.map(() => "---:|").join("")}---:|:--:|`,
    ...rows.map((row) => {
      const cells = columns.map((c) => figures.find((f) => (f.row ?? f.id) === row && (f.column ?? "") === c));
      const first = cells.find((f) => f !== undefined)!;
      const notes = cells.map((f) => f?.note ?? "");
      const note = notes.every((n) => n === notes[0])
        ? notes[0]
        : cells.flatMap((f, i) => (f?.note ? [`${columns[i]}: ${f.note}`] : [])).join("; ");
      const met = first.target ? cells.map((f) => (f ? metText(f) : "")).join(" / ") : "";
      return `| ${first.label}${medianText(first)}${note ? ` (${note})` : ""} | ${cells.map((f) => (f ? formatValue(f.value, f.unit) : "")).join(" | ")} | ${targetText(first)} | ${met} |`;
    }),
  ];
}

/** The figures as Markdown tables, one per section; side by side where figures name columns. */
function renderMarkdown(r: BenchReport<AnyMeasurements>): string {
  const lines = [
    `# twscope benchmark${r.quick ? " (quick run: CI sizes, targets are for the full run)" : ""}`,
    "",
    `${r.date} on ${r.machine.os}, ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, kernel ${r.machine.kernel}, Node ${r.machine.node}. ` +
      "Every time is a median of several rounds; ratios compare timings of this one run.",
    "",
  ];
  for (const section of [...new Set(r.figures.map((f) => f.section))]) {
    const figures = r.figures.filter((x) => x.section === section);
    lines.push(`## ${section}`, "", ...(figures.some((f) => f.column) ? sideBySide(figures) : oneColumn(figures)), "");
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

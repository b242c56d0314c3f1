import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import type { CopyProgress } from "../db/copy/copy-database";
import { countsMatch, type CopyReport } from "../db/copy/copy-report";
import { padEndWide, padStartWide, textWidth } from "@/lib/format/text-width";

const counter = (locale: Locale) => (x: number) => x.toLocaleString(locale === "en" ? "en-US" : locale);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The counts of every table on both sides, aligned, and the verdict. */
export function countsTable(report: CopyReport, t: Translate, locale: Locale): string {
  const n = counter(locale);
  const rows = report.tables.map((r) => [r.table, n(r.source), n(r.target), t(r.source === r.target ? "cli.db.ok" : "cli.db.differs")]);
  const total = (pick: (r: CopyReport["tables"][number]) => number) => n(report.tables.reduce((s, r) => s + pick(r), 0));
  const all = [
    [t("cli.db.table"), "SQLite", "PostgreSQL", ""],
    ...rows,
    [t("cli.db.total"), total((r) => r.source), total((r) => r.target), ""],
  ];
  const width = [0, 1, 2].map((i) => Math.max(...all.map((r) => textWidth(r[i]!))));
  const line = (r: string[]) =>
    `${padEndWide(r[0]!, width[0]!)}  ${padStartWide(r[1]!, width[1]!)}  ${padStartWide(r[2]!, width[2]!)}  ${r[3]}`.trimEnd();
  return `${all.map(line).join("\n")}\n${verdict(report, t)}\n`;
}

function verdict(report: CopyReport, t: Translate): string {
  if (countsMatch(report)) return t("cli.db.verified", { tables: String(report.tables.length), seconds: seconds(report.ms) });
  const differing = report.tables.filter((r) => r.source !== r.target).map((r) => r.table);
  return t("cli.db.failed", { tables: differing.join(", ") });
}

/** Progress lines for standard error: each table when done, and a large table's running count every few seconds. */
export function progressPrinter(write: (line: string) => void, t: Translate, locale: Locale, everyMs = 5000): CopyProgress {
  const n = counter(locale);
  let expected = 0;
  let lastReport = 0;
  return {
    tableStarted(_table: string, rows: number) {
      expected = rows;
      lastReport = performance.now();
    },
    rowsCopied(table: string, rows: number) {
      if (performance.now() - lastReport < everyMs) return;
      lastReport = performance.now();
      write(t("cli.db.rowsSoFar", { table, rows: n(rows), expected: n(expected) }));
    },
    tableCopied(table: string, rows: number, ms: number) {
      const rate = ms >= 100 ? t("cli.db.rate", { rate: n(Math.round((rows / ms) * 1000)) }) : "";
      write(t("cli.db.tableCopied", { table, rows: n(rows), count: rows, seconds: seconds(ms), rate }));
    },
  };
}

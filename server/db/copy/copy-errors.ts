import "server-only";
import type { CopyReport } from "./copy-report";

/** The copy did not start: the source or target is not fit for it (the message says why and how to proceed). */
export class CopyRefused extends Error {}

/** The copy ran, but the target's counts differ from the source's; its transaction was rolled back. */
export class CountsDiffer extends Error {
  constructor(readonly report: CopyReport) {
    const differing = report.tables.filter((t) => t.source !== t.target).map((t) => t.table);
    super(`the row counts differ in ${differing.join(", ")}`);
  }
}

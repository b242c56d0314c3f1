import { renderText, type StoredText, type Translate } from "../i18n/message";

/**
 * An alert's annotations as stored: the summary and the evidence lines as data, rendered when read,
 * in the reader's language (pages, API) or the channel's (notifications). Rows stored before hold
 * English strings, the evidence joined by newlines: they render as they are.
 */
export interface StoredAnnotations {
  /** "<host>: <summary>" (catalogue `notify.summary`). */
  summary?: StoredText;
  /** The evidence, a line each. */
  description?: StoredText | StoredText[];
  /** The rule's name and the host page's URL: names, not prose. */
  rule?: string;
  url?: string;
  [name: string]: StoredText | StoredText[] | undefined;
}

/** The annotations as Alertmanager and the channels take them: strings, the evidence a line each. */
export function renderAnnotations(t: Translate, stored: StoredAnnotations): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((line) => renderText(t, line)).join("\n") : renderText(t, value);
  }
  return out;
}

/** The summary without its host ("web-1: …"), which a list showing the host names already. */
export function summaryWithoutHost(t: Translate, stored: StoredAnnotations, hostName: string): string {
  const summary = stored.summary;
  if (summary === undefined) return "";
  if (typeof summary !== "string" && summary.key === "notify.summary" && summary.values?.summary !== undefined)
    return renderText(t, summary.values.summary as StoredText);
  return renderText(t, summary).replace(`${hostName}: `, "");
}

/** The evidence lines in the reader's language. */
export function evidenceLines(t: Translate, stored: StoredAnnotations): string[] {
  const d = stored.description;
  if (d === undefined) return [];
  const lines = Array.isArray(d) ? d.map((line) => renderText(t, line)) : renderText(t, d).split("\n");
  return lines.filter(Boolean);
}

import { SILENCE_MATCHERS, type SilenceMatcher } from "./silence";

export const ALERTS_TABS = ["now", "history", "rules", "silences", "channels"] as const;
type AlertsTab = (typeof ALERTS_TABS)[number];

/** What the Alerts page shows, kept in the URL so a link reproduces the view (`/alerts?tab=history&host=3`). */
export interface AlertsPageQuery {
  tab: AlertsTab;
  /** Only this host's alerts (Now and History). */
  host: number | null;
  /** A silence form filled in ahead (the "Silence" action of an alert). */
  silence: { matcher: SilenceMatcher; value: string } | null;
}

export function alertsQueryFromParams(params: URLSearchParams): AlertsPageQuery {
  const tab = params.get("tab") ?? "";
  const host = Number(params.get("host"));
  const matcher = params.get("matcher") ?? "";
  const value = params.get("value") ?? "";
  return {
    tab: (ALERTS_TABS as readonly string[]).includes(tab) ? (tab as AlertsTab) : "now",
    host: Number.isInteger(host) && host > 0 ? host : null,
    silence: (SILENCE_MATCHERS as readonly string[]).includes(matcher) && value ? { matcher: matcher as SilenceMatcher, value } : null,
  };
}

/** The query string of a view: only what differs from the default, so plain links stay plain. */
export function alertsPageParams(q: Partial<AlertsPageQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.tab && q.tab !== "now") p.set("tab", q.tab);
  if (q.host) p.set("host", String(q.host));
  if (q.silence) {
    p.set("matcher", q.silence.matcher);
    p.set("value", q.silence.value);
  }
  return p;
}

export function alertsPageHref(q: Partial<AlertsPageQuery>): string {
  const s = alertsPageParams(q).toString();
  return s ? `/alerts?${s}` : "/alerts";
}

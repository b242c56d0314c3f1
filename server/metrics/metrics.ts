import "server-only";
import { EXPOSITION_CONTENT_TYPE, renderExposition, type MetricFamily } from "@/lib/metrics/exposition";
import { hostFamilies } from "@/lib/metrics/host-metrics";
import { listHosts } from "../db/hosts";
import { listLatestSamples } from "../db/samples";
import { AppError } from "../errors";
import { errorResponse } from "../http/error-response";
import { localeOf } from "../i18n/locale";
import type { AppContext } from "../context";
import { alertMetrics } from "./alert-metrics";
import { authorizeScrape } from "./scrape-auth";

/** Something that adds metric families to every scrape, read fresh each time. */
export type MetricSource = (ctx: AppContext, now: number) => Promise<MetricFamily[]>;

async function hostMetrics(ctx: AppContext, now: number): Promise<MetricFamily[]> {
  const latest = await listLatestSamples(ctx.db);
  const hosts = (await listHosts(ctx.db)).map((h) => ({ name: h.name, status: h.status, latest: latest.get(h.id) ?? null }));
  return hostFamilies(hosts, { topN: ctx.config.metricsTopN, now });
}

/**
 * The sources of every scrape, in output order. To export more (the alert states, say), add a
 * `MetricSource` here: `[hostMetrics, alertMetrics]`. Family names must be new (`renderExposition` throws on a repeat).
 */
const SOURCES: readonly MetricSource[] = [hostMetrics, alertMetrics];

/** The whole `/metrics` text; `extra` sources come after the built-in ones. */
export async function renderMetrics(ctx: AppContext, now = Date.now(), extra: readonly MetricSource[] = []): Promise<string> {
  const families = await Promise.all([...SOURCES, ...extra].map((source) => source(ctx, now)));
  return renderExposition(families.flat());
}

/** `GET /metrics`: the scrape token checked, then the text; a 401 names the Bearer scheme, as RFC 6750 asks. */
export async function scrapeResponse(ctx: AppContext, req: Request): Promise<Response> {
  try {
    await authorizeScrape(ctx, req);
  } catch (err) {
    const challenge = err instanceof AppError && err.httpStatus === 401 ? { "www-authenticate": 'Bearer realm="twscope"' } : undefined;
    return errorResponse(err, challenge, localeOf(req, null));
  }
  return new Response(await renderMetrics(ctx), { headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } });
}

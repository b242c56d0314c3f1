import "server-only";
import { analyzeSample } from "@/lib/advice/analyze";
import { analysisData, renderAnalysis } from "@/lib/advice/report";
import { BundleError } from "@/lib/bundle/bundle-error";
import { parseAnyBundle, type AnyBundle } from "@/lib/bundle/parse-any-bundle";
import type { BundleImportDto } from "@/lib/dto";
import { recordAudit } from "../db/audit";
import { getHostByName, insertBundleHost } from "../db/hosts";
import { latestSample } from "../db/samples";
import { errors } from "../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../context";
import { toHostDto } from "../services/host-dto";
import { readSosreportArchive } from "./read-sosreport-archive";
import { recordSample } from "./record-sample";
import { translatorFor } from "@/server/i18n/translator";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

/**
 * Stores a bundle that a user pasted or uploaded for a host twscope cannot reach: the host is
 * created on first use (transport "bundle", never polled) and each later bundle adds a sample,
 * with rates against the previous one when its host clock says how far apart they are. The analysis
 * it answers with is in `locale`, the language of the request.
 */
export async function importBundle(
  ctx: AppContext,
  name: string,
  text: string,
  actor: string,
  now = Date.now(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<BundleImportDto> {
  let parsed;
  try {
    parsed = parseAnyBundle(text);
  } catch (err) {
    throw unusable(err);
  }
  return await storeBundle(ctx, name, parsed, Buffer.byteLength(text), actor, now, locale);
}

/** Stores what a sosreport archive (`.tar.xz`, `.tar.gz`) says, as `importBundle` stores a paste. */
export async function importSosreportArchive(
  ctx: AppContext,
  name: string,
  bytes: Uint8Array,
  actor: string,
  now = Date.now(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<BundleImportDto> {
  let parsed;
  try {
    parsed = await readSosreportArchive(bytes);
  } catch (err) {
    throw unusable(err);
  }
  return await storeBundle(ctx, name, parsed, bytes.length, actor, now, locale);
}

function unusable(err: unknown): unknown {
  return err instanceof BundleError ? errors.badRequest(msg("errors.bundleUnusable", { reason: err.text })) : err;
}

async function storeBundle(
  { db }: AppContext,
  name: string,
  parsed: AnyBundle,
  bytes: number,
  actor: string,
  now: number,
  locale: Locale,
): Promise<BundleImportDto> {
  const existing = await getHostByName(db, name);
  if (existing && existing.transport !== "bundle") throw errors.conflict(msg("errors.polledHost", { name }));
  const host = existing ?? (await insertBundleHost(db, name, now));
  await recordAudit(db, actor, "bundle.import", name, { id: host.id, bytes, newHost: !existing });
  const at = parsed.sample.hostTime ?? now;
  const { rates, hadPrevious } = await recordSample(db, { hostId: host.id, at, sample: parsed.sample, bytes, durationMs: 0 }, now);
  const analysis = analysisData(parsed.sample, analyzeSample(parsed.sample, hadPrevious ? rates : null), parsed.missing);
  const stored = (await getHostByName(db, name))!;
  const report = renderAnalysis(analysis, translatorFor(locale));
  return { host: toHostDto(stored, await latestSample(db, host.id), analysis), analysis: report, missing: report.missing };
}

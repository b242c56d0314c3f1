import "server-only";
import fs from "node:fs";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { prometheusRulesFile } from "@/lib/alerts/prometheus-rules";
import { listRules } from "../db/alert-rules";
import { listHosts } from "../db/hosts";
import { openDatabase } from "../db/open-database";
import { loadConfig } from "../config";
import type { Translate } from "@/lib/i18n/message";
import { translatorFor } from "../i18n/translator";
import { cliLocale, UnknownLanguageError } from "./cli-locale";

export const rulesUsage = (t: Translate) => t("cli.usage.rules");

/**
 * `twscope rules export [--lang en|zh-CN]`. Exit 0 printed, 64 usage. The alert summaries are in that language
 * (or the POSIX locale's), around the Prometheus template parts; alert names, labels and expressions are the same.
 */
export async function runRules(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let chosen: ReturnType<typeof cliLocale>;
  try {
    chosen = cliLocale(argv, env);
  } catch (err) {
    if (!(err instanceof UnknownLanguageError)) throw err;
    process.stderr.write(`twscope rules: ${err.message}\n`);
    return 64;
  }
  const [verb, ...flags] = chosen.args;
  if (verb !== "export" || flags.some((f) => f !== "--builtin")) {
    const t = translatorFor(chosen.locale);
    process.stderr.write(`${t("cli.usage.short")}\n${rulesUsage(t)}`);
    return 64;
  }
  const t = translatorFor(chosen.locale);
  const config = loadConfig();
  const pollIntervalSeconds = config.pollIntervalMs / 1000;
  if (flags.includes("--builtin") || (!config.databaseUrl && !fs.existsSync(config.databaseFile))) {
    process.stdout.write(prometheusRulesFile(BUILTIN_RULES, { hostNames: new Map(), pollIntervalSeconds }, t));
    return 0;
  }
  const db = await openDatabase(config);
  try {
    const hostNames = new Map((await listHosts(db)).map((h) => [h.id, h.name]));
    process.stdout.write(prometheusRulesFile(await listRules(db), { hostNames, pollIntervalSeconds }, t));
    return 0;
  } finally {
    await db.close();
  }
}

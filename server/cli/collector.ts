import "server-only";
import { parseArgs } from "node:util";
import { startCollecting } from "../collect/start-collecting";
import { loadConfig } from "../config";
import { closeContextNow, createContext } from "../context";
import { startRetention } from "../retention";
import { prepareSecretKey } from "../secrets/key";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import { translatorFor } from "../i18n/translator";

/** The `collector` lines of `twscope --help`. */
export const collectorUsage = (t: Translate) => t("cli.usage.collector");

/** `twscope collector`: this process polls its share of the hosts (of its zone) until it is told to stop. */
export async function runCollector(args: string[], locale: Locale = "en"): Promise<number> {
  const t = translatorFor(locale);
  const { values } = parseArgs({ args, options: { zone: { type: "string" }, name: { type: "string" } } });
  const config = loadConfig({
    ...process.env,
    ...(values.zone !== undefined ? { TWSCOPE_ZONE: values.zone } : {}),
    ...(values.name !== undefined ? { TWSCOPE_COLLECTOR_NAME: values.name } : {}),
  });
  if (!config.databaseUrl) {
    process.stderr.write(`twscope: ${t("cli.collector.needsDatabase")}\n`);
    return 64;
  }
  const ctx = await createContext(config);
  await prepareSecretKey(config, ctx.db);
  const stopRetention = startRetention(ctx.db, config.retention, ctx.duties.retention);
  await startCollecting(ctx);
  const signal = await new Promise<string>((resolve) => {
    // The collector's timers do not keep a process alive; this does, until a signal comes.
    const keepAlive = setInterval(() => {}, 1 << 30);
    for (const s of ["SIGTERM", "SIGINT"] as const) {
      process.once(s, () => {
        clearInterval(keepAlive);
        resolve(s);
      });
    }
  });
  stopRetention();
  // Hand the hosts over (at most 10 s: a database that stopped answering must not keep the process alive).
  const done = await Promise.race([
    closeContextNow(ctx).then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), 10_000).unref()),
  ]);
  process.stderr.write(
    `twscope: ${t(done ? "cli.collector.stopped" : "cli.collector.stoppedLeases", { signal, name: ctx.collector.name })}\n`,
  );
  return 0;
}

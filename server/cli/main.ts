import "server-only";
import { translatorFor } from "../i18n/translator";
import { runAnalyze, UNUSABLE_INPUT } from "./analyze";
import { cliLocale, UnknownLanguageError } from "./cli-locale";
import { collectorUsage, runCollector } from "./collector";
import { dbUsage, runDb } from "./db";
import { hostsUsage, runHosts } from "./hosts";
import { runRules, rulesUsage } from "./rules";
import { runUser, userUsage } from "./user";

async function main(argv: string[]): Promise<number> {
  // `--lang` may come before the command or after it.
  let chosen: ReturnType<typeof cliLocale>;
  try {
    chosen = cliLocale(argv, process.env);
  } catch (err) {
    if (!(err instanceof UnknownLanguageError)) throw err;
    process.stderr.write(`twscope: ${err.message}\n`);
    return UNUSABLE_INPUT;
  }
  const { locale } = chosen;
  const [command, ...rest] = chosen.args;
  // These two read the language from their own arguments.
  if (command === "analyze") return runAnalyze(["--lang", locale, ...rest]);
  if (command === "rules") return await runRules(["--lang", locale, ...rest]);
  if (command === "user") return runUser(rest, locale);
  if (command === "hosts") return await runHosts(rest, locale);
  if (command === "db") return await runDb(rest, locale);
  // A daemon's connections and timers may outlive its work by a moment: it ends when it is done.
  if (command === "collector") process.exit(await runCollector(rest, locale));
  const t = translatorFor(locale);
  const head = t("cli.usage.head", { command: `<${t("cli.usage.commandWord")}>` });
  process.stderr.write(`${head}${userUsage(t)}${hostsUsage(t)}${rulesUsage(t)}${collectorUsage(t)}${dbUsage(t)}${t("cli.usage.lang")}`);
  return command === undefined || command === "help" || command === "--help" ? 0 : UNUSABLE_INPUT;
}

process.exitCode = await main(process.argv.slice(2));

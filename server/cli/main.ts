import "server-only";
import { translatorFor } from "../i18n/translator";
import { runAnalyze, UNUSABLE_INPUT } from "./analyze";
import { cliLocale, withoutLang } from "./cli-locale";
import { collectorUsage, runCollector } from "./collector";
import { dbUsage, runDb } from "./db";
import { hostsUsage, runHosts } from "./hosts";
import { runRules, RULES_USAGE } from "./rules";
import { runUser, userUsage } from "./user";

async function main(argv: string[]): Promise<number> {
  // `--lang` may come before the command or after it; each command of its own reads it where it is.
  const locale = cliLocale(argv, process.env);
  const [command, ...rest] = argv[0] === "--lang" ? argv.slice(2) : argv[0]?.startsWith("--lang=") ? argv.slice(1) : argv;
  if (command === "analyze") return runAnalyze(rest);
  if (command === "user") return runUser(withoutLang(rest), locale);
  if (command === "hosts") return await runHosts(withoutLang(rest), locale);
  if (command === "rules") return await runRules(rest);
  if (command === "db") return await runDb(withoutLang(rest), locale);
  // A daemon's connections and timers may outlive its work by a moment: it ends when it is done.
  if (command === "collector") process.exit(await runCollector(withoutLang(rest), locale));
  const t = translatorFor(locale);
  const head = t("cli.usage.head", { command: `<${t("cli.usage.commandWord")}>` });
  process.stderr.write(`${head}${userUsage(t)}${hostsUsage(t)}${RULES_USAGE}${collectorUsage(t)}${dbUsage(t)}${t("cli.usage.lang")}`);
  return command === undefined || command === "help" || command === "--help" ? 0 : UNUSABLE_INPUT;
}

process.exitCode = await main(process.argv.slice(2));

import "server-only";
import { runAnalyze, UNUSABLE_INPUT } from "./analyze";
import { COLLECTOR_USAGE, runCollector } from "./collector";
import { DB_USAGE, runDb } from "./db";
import { HOSTS_USAGE, runHosts } from "./hosts";
import { runRules, RULES_USAGE } from "./rules";
import { runUser, USER_USAGE } from "./user";

const USAGE = `usage: twscope <command>

  analyze FILE|DIR|- [--json]
                            findings and rated remedies for a probe bundle, plain command
                            outputs, or a sosreport (its directory or .tar.xz/.tar.gz archive)
                            exit 0 healthy, 1 warning, 2 critical, 3 unusable input,
                            4 unknown (the input holds no TIME_WAIT count)
${USER_USAGE}${HOSTS_USAGE}${RULES_USAGE}${COLLECTOR_USAGE}${DB_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "analyze") return runAnalyze(rest);
  if (command === "user") return runUser(rest);
  if (command === "hosts") return await runHosts(rest);
  if (command === "rules") return await runRules(rest);
  if (command === "db") return await runDb(rest);
  // A daemon's connections and timers may outlive its work by a moment: it ends when it is done.
  if (command === "collector") process.exit(await runCollector(rest));
  process.stderr.write(USAGE);
  return command === undefined || command === "help" || command === "--help" ? 0 : UNUSABLE_INPUT;
}

process.exitCode = await main(process.argv.slice(2));

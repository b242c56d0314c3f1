import { runAnalyze, UNUSABLE_INPUT } from "./analyze";

const USAGE = `usage: twscope <command>

  analyze FILE|- [--json]   findings and rated remedies for a probe bundle or plain command outputs
                            exit 0 healthy, 1 warnings, 2 critical, 3 unusable input
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === "analyze") return runAnalyze(rest);
  process.stderr.write(USAGE);
  return command === undefined || command === "help" || command === "--help" ? 0 : UNUSABLE_INPUT;
}

process.exitCode = main(process.argv.slice(2));

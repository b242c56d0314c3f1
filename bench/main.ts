// `npm run bench`: twscope against the ad-hoc fan-outs it replaces, on the lab. See README "Benchmark".
import { interrupted, payAll, payOnSignal } from "./cleanup";
import { parseBenchArgs } from "./options";
import { assertCanRun, ensureDebianPackages } from "./preflight";
import { writeReport } from "./report";
import { runBench } from "./run";

const log = (line: string) => console.error(`bench: ${line}`);

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  // The scale part alone needs no lab: neither root nor the comparison tools. The collectors need the lab.
  if (options.only !== "scale") await assertCanRun();
  if (options.only === null) ensureDebianPackages(log);
  payOnSignal(log);
  const report = await runBench(options, log);
  console.log(writeReport(options.outDir, report));
  log(`report written to ${options.outDir}/report.json and report.md (${report.durations.total!.toFixed(0)} s)`);
}

main().catch(async (err: Error) => {
  if (interrupted()) return; // the signal handler cleans up and exits
  await payAll();
  // fetch's "fetch failed" says nothing without its cause (ECONNREFUSED, a reset, a timeout…).
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
  console.error(`bench: ${err.message}${cause}`);
  if (err.stack) console.error(err.stack.split("\n").slice(1, 6).join("\n"));
  process.exitCode = 1;
});

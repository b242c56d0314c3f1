// Prints one closing line ("tests: N passed, N failed, N skipped") from vitest's JSON report.
// Under CI a skipped test counts as a failure: CI runs as root and must run every test.
import fs from "node:fs";

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log("tests: 0 passed, 1 failed");
  console.error(`no test report at ${file}`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
// A file that fails before any of its tests run (an import error, a failing hook) counts as one failure.
const brokenFiles = report.testResults.filter(
  (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
).length;
const failed = report.numFailedTests + brokenFiles;
console.log(`tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
if (process.env.CI && skipped > 0) {
  console.error(`CI is set and ${skipped} tests were skipped: every test must run in CI`);
  process.exit(1);
}
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);

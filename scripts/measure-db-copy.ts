// Measures `twscope db copy` on a seeded database: `npx tsx --conditions=react-server scripts/measure-db-copy.ts [HOSTS] [RAW_HOURS] [MINUTE_DAYS] [QUARTER_DAYS]`.
// Seeds a SQLite file with the bench seeder, starts a throwaway PostgreSQL (Debian's package) and copies into it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedDatabase } from "../bench/seed-database";
import { copyToPostgres } from "../server/db/copy/copy-database";
import { createDatabase, startPostgres } from "../tests/support/postgres-server";

const [hosts = 100, rawHours = 24, minuteDays = 0, quarterDays = 0] = process.argv.slice(2).map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-copy-"));
const file = path.join(dir, "twscope.db");
const server = await startPostgres();
try {
  const seeded = await seedDatabase(file, { hosts, rawHours, minuteDays, quarterDays });
  console.log(
    `seeded ${hosts} hosts: ${seeded.rows.samples} samples, ${seeded.rows.rollups} rollups, ${(seeded.fileBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  const report = await copyToPostgres({
    from: file,
    to: await createDatabase(server.adminUrl, "copy_target"),
    replace: false,
    progress: {
      tableCopied: (t, rows, ms) =>
        rows >= 10_000 && console.log(`${t}: ${rows} rows in ${(ms / 1000).toFixed(1)} s, ${Math.round(rows / (ms / 1000))} rows/s`),
    },
  });
  const rows = report.tables.reduce((n, t) => n + t.target, 0);
  console.log(
    `all: ${rows} rows in ${(report.ms / 1000).toFixed(1)} s, ${Math.round(rows / (report.ms / 1000))} rows/s (counts checked, committed)`,
  );
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

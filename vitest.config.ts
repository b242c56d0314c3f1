import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The storage and service tests: they run once on SQLite and once more on a real PostgreSQL server. */
const STORAGE_TESTS = [
  "tests/unit/server/alert-channels.test.ts",
  "tests/unit/server/alert-evaluation.test.ts",
  "tests/unit/server/alert-metrics.test.ts",
  "tests/unit/server/alert-routes.test.ts",
  "tests/unit/server/api-bundles-sosreport.test.ts",
  "tests/unit/server/api-routes.test.ts",
  "tests/unit/server/auth.test.ts",
  "tests/unit/server/breakdown-history.test.ts",
  "tests/unit/server/breakdown-series-route.test.ts",
  "tests/unit/server/collectors.test.ts",
  "tests/unit/server/fleet-page.test.ts",
  "tests/unit/server/host-secret-routes.test.ts",
  "tests/unit/server/host-keys.test.ts",
  "tests/unit/server/host-summaries.test.ts",
  "tests/unit/server/import-and-trust.test.ts",
  "tests/unit/server/inventory-import.test.ts",
  "tests/unit/server/inventory-jumps.test.ts",
  "tests/unit/server/jump-chains.test.ts",
  "tests/unit/server/ssh-config-jumps.test.ts",
  "tests/unit/server/metrics-route.test.ts",
  "tests/unit/server/metrics-tokens.test.ts",
  "tests/unit/server/no-secret-leak.test.ts",
  "tests/unit/server/password-guard.test.ts",
  "tests/unit/server/poller.test.ts",
  "tests/unit/server/record-sample.test.ts",
  "tests/unit/server/rollups.test.ts",
  "tests/unit/server/rules-export.test.ts",
  "tests/unit/server/secrets.test.ts",
  "tests/unit/server/setup-link.test.ts",
  "tests/unit/server/shared-limits.test.ts",
  "tests/unit/server/snapshots.test.ts",
  "tests/unit/server/storage.test.ts",
  "tests/unit/server/postgres-*.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": here("./"),
      // `server-only` throws outside React Server Components; tests import server code directly.
      "server-only": here("./tests/support/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Integration files start sshd, namespaces and load generators; one at a time keeps timings honest.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/unit/server/postgres-*.test.ts"],
          provide: { engine: "sqlite" },
        },
      },
      {
        extends: true,
        // One PostgreSQL server for the project (Debian's package, started by the tests); each file makes its own databases.
        test: {
          name: "postgres",
          include: STORAGE_TESTS,
          provide: { engine: "postgres" },
          globalSetup: ["tests/support/postgres-global-setup.ts"],
        },
      },
    ],
  },
});

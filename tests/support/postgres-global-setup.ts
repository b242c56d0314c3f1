import type { TestProject } from "vitest/node";
import { postgresBinDir, startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The maintenance database of the run's PostgreSQL server, or null when PostgreSQL is not installed. */
    postgresAdminUrl: string | null;
  }
}

/** One PostgreSQL server for the postgres test project (each test file makes databases of its own on it), stopped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!postgresBinDir()) {
    console.warn("PostgreSQL is not installed (Debian package postgresql; npm test installs it as root): the postgres project fails");
    project.provide("postgresAdminUrl", null);
    return async () => {};
  }
  const server = await startPostgres();
  project.provide("postgresAdminUrl", server.adminUrl);
  return () => server.stop();
}

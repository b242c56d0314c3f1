import "server-only";
import type { AppConfig } from "../config";
import type { Db } from "../db/open-database";

/**
 * Loads the key for stored secrets (TWSCOPE_SECRET_KEY, else the key file, created 0600 on first
 * start) and checks it against the database; throws a readable error when it is missing or wrong.
 * (Placeholder: filled in with the secrets store.)
 */
export function prepareSecretKey(_config: AppConfig, _db: Db): void {}

import "server-only";
import { issueSetupToken } from "./auth/setup";
import { startCollecting } from "./collect/start-collecting";
import { startRetention } from "./retention";
import { prepareSecretKey } from "./secrets/key";
import { closeContextNow, getContext } from "./context";

const holder = globalThis as typeof globalThis & { __twscopeStop?: (signal: string) => Promise<void> };
let started = false;

/**
 * What the dashboard's process runs beside the web server: retention (while it holds that duty) and, unless
 * TWSCOPE_POLLER=off, a collector. `globalThis.__twscopeStop` ends them; scripts/serve.mjs awaits it on
 * SIGTERM and SIGINT, so the collector's hosts go to the others at once instead of when its leases expire.
 */
export async function startBackground(): Promise<void> {
  if (started) return;
  started = true;
  const ctx = await getContext();
  const { config, db } = ctx;
  console.log(`twscope: data in ${db.location}`);
  await prepareSecretKey(config, db);
  const setup = await issueSetupToken(db);
  if (setup) {
    console.log(`twscope: no user exists yet. Create the first admin at ${config.publicUrl}/setup?token=${setup}`);
    console.log("twscope: (the link works once, on any twscope process of this database; links printed before stay valid)");
    console.log("twscope: (or run: npx twscope user add --admin NAME)");
  }
  const stopRetention = startRetention(db, config.retention, ctx.duties.retention);
  holder.__twscopeStop = async (signal) => {
    holder.__twscopeStop = undefined;
    stopRetention();
    await closeContextNow(ctx);
    console.log(`twscope: ${signal}: poller and notifier stopped, hosts handed over, connections closed`);
  };
  if (!config.pollerEnabled) {
    console.log("twscope: poller disabled (TWSCOPE_POLLER=off)");
    return;
  }
  await startCollecting(ctx);
}

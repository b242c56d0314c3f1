import "server-only";
import { issueSetupToken } from "./auth/setup";
import { startRetention } from "./retention";
import { prepareSecretKey } from "./secrets/key";
import { closeContextNow, getContext } from "./context";

let started = false;

export async function startBackground(): Promise<void> {
  if (started) return;
  started = true;
  const ctx = await getContext();
  const { config, poller, notifier, db } = ctx;
  console.log(`twscope: data in ${db.location}`);
  await prepareSecretKey(config, db);
  const setup = await issueSetupToken(db);
  if (setup) {
    console.log(`twscope: no user exists yet. Create the first admin at ${config.publicUrl}/setup?token=${setup}`);
    console.log("twscope: (the link works once, on any twscope process of this database; links printed before stay valid)");
    console.log("twscope: (or run: npx twscope user add --admin NAME)");
  }
  const stopRetention = startRetention(db, config.retention);
  if (!config.pollerEnabled) {
    console.log("twscope: poller disabled (TWSCOPE_POLLER=off)");
    return;
  }
  poller.start();
  ctx.alerts.start();
  notifier.start();
  console.log(`twscope: polling every ${config.pollIntervalMs / 1000} s, ${config.pollConcurrency} at a time`);
  const stop = (signal: string) => {
    stopRetention();
    closeContextNow(ctx);
    console.log(`twscope: ${signal}: poller and notifier stopped, connections closed`);
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

/**
 * Starts the poller with the server (Node runtime only) and stops it cleanly on SIGTERM/SIGINT. The start is
 * left on globalThis as it begins, so `scripts/serve.mjs` listens only once it is done (or exits when it fails).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const starting = import("./server/start-background").then((m) => m.startBackground());
  (globalThis as { __twscopeStarting?: Promise<void> }).__twscopeStarting = starting;
  await starting;
}

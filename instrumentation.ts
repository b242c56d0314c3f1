/** Starts the poller with the server (Node runtime only) and stops it cleanly on SIGTERM/SIGINT. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackground } = await import("./server/start-background");
  startBackground();
}

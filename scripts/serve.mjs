// Serves the built dashboard. A thin layer over Next's request handler that records each request's
// TCP peer address in a header no client can forge (it carries a secret of this process), so rate
// limits and the trusted-proxy sign-in can rely on it. Listens on TWSCOPE_HOST (127.0.0.1) and PORT.
import crypto from "node:crypto";
import http from "node:http";
import process from "node:process";
import next from "next";

process.env.NODE_ENV = "production";
const hostname = process.env.TWSCOPE_HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const PEER_HEADER = "x-twscope-peer";
const secret = crypto.randomBytes(16).toString("hex");
globalThis.__twscopePeerSecret = secret;

const app = next({ dev: false, hostname, port, dir: process.cwd() });
try {
  await app.prepare();
  // The database, the secret key and the collector (instrumentation.ts): no request before they are ready.
  await globalThis.__twscopeStarting;
} catch (err) {
  console.error(`twscope: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const handler = app.getRequestHandler();

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = `${secret} ${req.socket.remoteAddress ?? ""}`;
  handler(req, res).catch((err) => {
    console.error("twscope: request failed:", err instanceof Error ? err.message : String(err));
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("internal error");
    }
  });
});
server.on("error", (err) => {
  console.error(`twscope: cannot listen on ${hostname}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`twscope: dashboard on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
});

// On these signals the collector stops and hands its hosts over (server/start-background.ts), for at most
// 5 s; then the process ends.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    const stopping = globalThis.__twscopeStop?.(signal) ?? Promise.resolve();
    const deadline = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    Promise.race([stopping, deadline]).finally(() => process.exit(0));
  });
}

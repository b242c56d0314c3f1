// One lab host's traffic: an HTTP server and/or a client stream, run inside the host's network
// namespace. It talks only to lab addresses (198.18.0.0/15), or to loopback (127.0.0.0/8, which
// never leaves the namespace: a pod's own), and stops by itself after --duration
// seconds or --max-requests requests. Every 2 s it writes its counters to --status (JSON).
import fs from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";

const { values: o } = parseArgs({
  options: {
    listen: { type: "string" }, // ip:port to serve on
    "server-close": { type: "boolean" }, // the server closes each connection first
    delay: { type: "string", default: "0" }, // ms the server takes to answer (a slow upstream keeps connections open)
    target: { type: "string" }, // ip:port to send requests to
    rate: { type: "string", default: "50" },
    keepalive: { type: "boolean" }, // reuse connections (few TIME_WAIT)
    "client-close": { type: "boolean" }, // one request per connection, the client closing first
    duration: { type: "string", default: "1800" },
    "max-requests": { type: "string", default: "1000000" },
    status: { type: "string" },
  },
});

const LAB = /^(198\.(18|19)|127\.\d{1,3})\.\d{1,3}\.\d{1,3}$/;
const endpoint = (s) => {
  const [host, port] = s.split(":");
  if (!LAB.test(host)) throw new Error(`refusing ${s}: lab traffic stays inside 198.18.0.0/15 or loopback`);
  return { host, port: Number(port) };
};

const stats = { requests: 0, ok: 0, errors: {}, served: 0, startedAt: Date.now(), pid: process.pid };
const count = (code) => {
  stats.errors[code] = (stats.errors[code] ?? 0) + 1;
};

if (o.listen) {
  const { host, port } = endpoint(o.listen);
  const answer = (res) => {
    // With server-close the response says so and Node closes the socket after it: the server closes first.
    res.writeHead(200, { "content-type": "text/plain", ...(o["server-close"] ? { connection: "close" } : {}) });
    res.end("ok\n");
  };
  const delay = Number(o.delay);
  const server = http.createServer((req, res) => {
    stats.served++;
    if (delay > 0) setTimeout(() => answer(res), delay);
    else answer(res);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, host);
}

if (o.target) {
  const { host, port } = endpoint(o.target);
  const agent = new http.Agent({ keepAlive: !!o.keepalive, maxSockets: 64 });
  // Asking for keep-alive stops the server from closing; the non-keep-alive agent then closes first.
  const headers = o["client-close"] ? { connection: "keep-alive" } : {};
  const every = 1000 / Number(o.rate);
  const max = Number(o["max-requests"]);
  const send = () => {
    if (stats.requests >= max) return;
    stats.requests++;
    const req = http.get({ host, port, path: "/", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => {
        stats.ok++;
      });
    });
    req.on("error", (e) => count(e.code ?? "error"));
  };
  setInterval(send, every);
}

const writeStatus = () => {
  if (!o.status) return;
  // Written aside and renamed over: a reader never sees the file half written.
  fs.writeFileSync(`${o.status}.new`, JSON.stringify({ ...stats, at: Date.now() }));
  fs.renameSync(`${o.status}.new`, o.status);
};
setInterval(writeStatus, 2000);
setTimeout(
  () => {
    writeStatus();
    process.exit(0);
  },
  Number(o.duration) * 1000,
);
process.on("SIGTERM", () => {
  writeStatus();
  process.exit(0);
});

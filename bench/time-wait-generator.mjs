// Fills the network namespace it runs in with TIME_WAIT sockets. `--serve` listens on a few
// loopback ports and closes every accepted connection first (so TIME_WAIT lands on its side);
// `--connect` keeps `--concurrency` clients connecting to those ports until `--count` are done,
// then prints one JSON line. Run one server and a client or two, each a separate process.
import net from "node:net";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    connect: { type: "boolean", default: false },
    ports: { type: "string", default: "20000-20007" },
    count: { type: "string", default: "50000" },
    concurrency: { type: "string", default: "128" },
    seconds: { type: "string", default: "50" },
  },
});
const [first, last] = values.ports.split("-").map(Number);
const ports = Array.from({ length: last - first + 1 }, (_, i) => first + i);
const deadline = Date.now() + Number(values.seconds) * 1000;

function serve() {
  for (const port of ports) {
    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      socket.on("error", () => {});
      socket.destroy();
    });
    server.listen({ port, host: "127.0.0.1", backlog: 4096 });
  }
  console.log(JSON.stringify({ listening: ports.length }));
  setTimeout(() => process.exit(0), deadline - Date.now());
}

function connect() {
  const count = Number(values.count);
  const began = Date.now();
  let started = 0,
    done = 0,
    errors = 0;
  const finish = () => {
    console.log(JSON.stringify({ connections: done, errors, seconds: (Date.now() - began) / 1000 }));
    process.exit(0);
  };
  const next = () => {
    if (started >= count || Date.now() > deadline) return started === done + errors && finish();
    const port = ports[started++ % ports.length];
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.on("error", () => {
      errors++;
    });
    socket.on("close", (hadError) => {
      if (!hadError) done++;
      next();
    });
    socket.resume();
  };
  for (let i = 0; i < Number(values.concurrency); i++) next();
}

if (values.serve) serve();
else if (values.connect) connect();
else {
  console.error("usage: time-wait-generator.mjs --serve | --connect [--ports A-B] [--count N] [--concurrency N] [--seconds S]");
  process.exit(2);
}

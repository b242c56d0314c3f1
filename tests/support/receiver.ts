import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

interface Received {
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  requests: Received[];
  /** What the receiver answers from now on; status 0: it never answers (the request hangs until the sender gives up). */
  answer: { status: number; body: string };
  /** Resolves with the requests once `accept` holds for them; rejects after `timeoutMs`. */
  waitFor(accept: (requests: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 and a free port that records every request (JSON bodies parsed). */
export async function startReceiver(answer = { status: 200, body: "ok" }): Promise<Receiver> {
  const events = new EventEmitter();
  const requests: Received[] = [];
  const state = { status: answer.status, body: answer.body };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: kept as text.
      }
      requests.push({ at: Date.now(), method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      if (state.status !== 0) res.writeHead(state.status, { "content-type": "text/plain" }).end(state.body);
      events.emit("request");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    answer: state,
    waitFor(accept, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!accept(requests)) return;
          cleanup();
          resolve(requests);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`the receiver did not get what was awaited within ${timeoutMs} ms (${requests.length} requests)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off("request", check);
        };
        events.on("request", check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import net from "node:net";

/** A loopback server; `closeFirst` decides whether it or its clients close each connection first. */
async function listen(closeFirst: "server" | "client"): Promise<net.Server> {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    if (closeFirst === "server") socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function connectAndClose(port: number, closeFirst: "server" | "client"): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", reject);
    if (closeFirst === "client") socket.on("connect", () => socket.end());
    socket.on("close", () => resolve());
    socket.resume();
  });
}

/**
 * Leaves `count` TIME_WAIT sockets behind on loopback (they last 60 s): with `server`, on the
 * listening port of a server that closes first; with `client`, on ephemeral ports toward it.
 * Returns the server's port; the listener stays open so the port reads as listening.
 */
export async function makeTimeWait(closeFirst: "server" | "client", count: number): Promise<{ port: number; close: () => void }> {
  const server = await listen(closeFirst);
  const { port } = server.address() as net.AddressInfo;
  for (let i = 0; i < count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => connectAndClose(port, closeFirst)));
  }
  return { port, close: () => server.close() };
}

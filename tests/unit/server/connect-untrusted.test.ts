import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { Server, utils } from "ssh2";
import { PollFailure } from "@/server/poll/poll-failure";
import { connectSsh, type SshTarget } from "@/server/ssh/connect";
import { fingerprintOf } from "@/server/ssh/fingerprint";

// An in-process ssh2 server: enough for the handshake, which is where an untrusted key stops.
const hostKey = utils.generateKeyPairSync("ed25519");
const parsed = utils.parseKey(hostKey.public);
if (parsed instanceof Error) throw parsed;
const expected = fingerprintOf(parsed.getPublicSSH());

describe("connectSsh() to a host with no trusted key", () => {
  let server: Server;
  let port: number;
  let authAttempts = 0;

  beforeAll(async () => {
    server = new Server({ hostKeys: [hostKey.private] }, (client) => {
      client.on("authentication", (ctx) => {
        authAttempts++;
        ctx.reject();
      });
      client.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const target = (keyPath: string): SshTarget => ({
    address: "127.0.0.1",
    port,
    username: "u",
    authMethod: "key",
    keyPath,
    passphraseEnv: null,
    fingerprint: null,
  });

  it("reports host-key-unknown with the presented key, not a missing key file, and never tries to log in", async () => {
    const failure = await connectSsh(target("/nonexistent/twscope-key"), { readyTimeoutMs: 5000 }).then(
      () => {
        throw new Error("connected without a trusted key");
      },
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(PollFailure);
    expect(failure).toMatchObject({ status: "host-key-unknown", seenFingerprint: expected });
    expect((failure as Error).message).not.toMatch(/ENOENT/);
    expect(authAttempts).toBe(0);
  });

  it("says plainly that a key file is missing once the host key is pinned", async () => {
    const failure = await connectSsh({ ...target("/nonexistent/twscope-key"), fingerprint: expected }, { readyTimeoutMs: 5000 }).catch(
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ status: "auth-failed" });
    expect((failure as Error).message).toBe(
      "the private key file /nonexistent/twscope-key does not exist on the twscope server (ENOENT): create it or edit the host's key path",
    );
  });
});

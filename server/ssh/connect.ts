import "server-only";
import fs from "node:fs/promises";
import type { Duplex } from "node:stream";
import { Client, type ConnectConfig } from "ssh2";
import type { HostSecretInput } from "@/lib/schemas";
import type { SshSettings } from "@/lib/types";
import { readPassphraseEnv } from "../config";
import { PollFailure, pollError } from "../poll/poll-failure";
import { createHostKeyCheck, type HostKeyCheck } from "./host-key-check";

export interface SshTarget extends SshSettings {
  /** The pinned host key; null means none is trusted yet. */
  fingerprint: string | null;
  /**
   * For "stored": decrypts the host's secret when a connection is opened, so no long-lived object
   * holds it (and the pool's JSON identity of the target never contains it). Null: none is stored.
   */
  storedSecret?: () => Promise<HostSecretInput | null>;
  /** When the stored secret last changed: part of the pool's identity, so a replaced secret reconnects. */
  secretUpdatedAt?: number | null;
  /** The jump host to reach it through (OpenSSH's ProxyJump), itself perhaps behind one; absent or null: directly. */
  jump?: JumpTarget | null;
  /** Why twscope will not connect at all (a chain of jump hosts that loops or runs too long); the poll fails with it. */
  refusal?: string;
}

/** A jump host: a twscope host of its own (its pool entry is the shared connection), reached directly or through its own jump host. */
export interface JumpTarget extends SshTarget {
  hostId: number;
  name: string;
}

export interface ConnectOptions {
  readyTimeoutMs: number;
  agentSocket?: string;
  mode?: "verify" | "scan";
  /** A channel already open to the host (through a jump host), used instead of a TCP connection. */
  sock?: Duplex;
}

export interface SshConnection {
  client: Client;
  hostKey: HostKeyCheck;
}

/** Opens one authenticated SSH connection, or fails with a `PollFailure` naming the host status. */
export async function connectSsh(target: SshTarget, options: ConnectOptions): Promise<SshConnection> {
  const hostKey = createHostKeyCheck(target.fingerprint, options.mode);
  const config: ConnectConfig = {
    host: target.address,
    port: target.port,
    ...(options.sock ? { sock: options.sock } : {}),
    username: target.username,
    readyTimeout: options.readyTimeoutMs,
    keepaliveInterval: 10_000,
    keepaliveCountMax: 3,
    hostVerifier: hostKey.verifier,
    ...(await credentialsOf(target, options)),
  };
  const client = new Client();
  // ssh2 may emit more errors after the first (or after ready); an unhandled one would kill the process.
  client.on("error", () => {});
  return new Promise<SshConnection>((resolve, reject) => {
    const fail = (err: Error & { level?: string; code?: string }) => {
      client.removeListener("ready", onReady);
      client.removeListener("close", onEarlyClose);
      client.removeListener("error", fail);
      client.end();
      reject(classifyConnectError(err, hostKey, options.readyTimeoutMs));
    };
    const onEarlyClose = () => fail(Object.assign(new Error("the connection closed during the handshake"), { code: "ECONNRESET" }));
    const onReady = () => {
      client.removeListener("error", fail);
      client.removeListener("close", onEarlyClose);
      resolve({ client, hostKey });
    };
    client.once("ready", onReady);
    client.once("error", fail);
    client.once("close", onEarlyClose);
    client.connect(config);
  });
}

async function credentialsOf(target: SshTarget, options: ConnectOptions): Promise<Partial<ConnectConfig>> {
  // With no pinned key the verifier refuses whatever key is shown, so no login can happen: read no
  // key file (a missing one must not mask "host-key-unknown") and offer no credentials.
  if (options.mode === "scan" || !target.fingerprint) return {};
  if (target.authMethod === "agent") {
    if (!options.agentSocket) throw new PollFailure("auth-failed", pollError("noAgentSocket"));
    return { agent: options.agentSocket };
  }
  if (target.authMethod === "stored") return storedCredentials(target);
  if (!target.keyPath) throw new PollFailure("auth-failed", pollError("noKeyFile"));
  let privateKey: Buffer;
  try {
    privateKey = await fs.readFile(target.keyPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new PollFailure(
      "auth-failed",
      code === "ENOENT"
        ? pollError("keyFileMissing", { path: target.keyPath })
        : pollError("keyFileUnreadable", { path: target.keyPath, detail: code }),
    );
  }
  const passphrase = target.passphraseEnv ? readPassphraseEnv(target.passphraseEnv) : undefined;
  if (target.passphraseEnv && passphrase === undefined) {
    throw new PollFailure("auth-failed", pollError("passphraseEnvUnset", { env: target.passphraseEnv }));
  }
  return { privateKey, passphrase };
}

async function storedCredentials(target: SshTarget): Promise<Partial<ConnectConfig>> {
  let secret: HostSecretInput | null | undefined;
  try {
    secret = await target.storedSecret?.();
  } catch (err) {
    // The messages of the secrets store and key loader name files and settings, never secret values.
    throw new PollFailure("auth-failed", pollError("storedSecretUnusable", { detail: (err as Error).message }));
  }
  if (!secret) throw new PollFailure("auth-failed", pollError("noStoredSecret"));
  return secret.kind === "password" ? { password: secret.password } : { privateKey: secret.privateKey, passphrase: secret.passphrase };
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
  "EADDRNOTAVAIL",
]);

function classifyConnectError(err: Error & { level?: string; code?: string }, hostKey: HostKeyCheck, readyTimeoutMs: number): PollFailure {
  if (err instanceof PollFailure) return err;
  const seen = hostKey.fingerprint ?? undefined;
  if (hostKey.verdict === "mismatch") {
    return new PollFailure("host-key-mismatch", pollError("keyChanged", { fingerprint: String(seen) }), seen);
  }
  if (hostKey.verdict === "unknown") {
    return new PollFailure("host-key-unknown", pollError("keyNotTrusted", { fingerprint: String(seen) }), seen);
  }
  if (hostKey.verdict === "scanned") return new PollFailure("host-key-unknown", "scanned", seen);
  if (err.level === "client-authentication") return new PollFailure("auth-failed", pollError("authRefused"), seen);
  if (/private key|passphrase|encrypted/i.test(err.message))
    return new PollFailure("auth-failed", pollError("keyUnusable", { detail: err.message }), seen);
  if (err.level === "client-timeout") return new PollFailure("timeout", pollError("noHandshake", { seconds: readyTimeoutMs / 1000 }), seen);
  if (err.code && UNREACHABLE.has(err.code)) return new PollFailure("unreachable", pollError("cannotReach", { detail: err.code }), seen);
  if (err.level === "client-dns") return new PollFailure("unreachable", pollError("cannotResolve", { detail: err.message }), seen);
  return new PollFailure("unreachable", pollError("sshFailed", { detail: err.message }), seen);
}

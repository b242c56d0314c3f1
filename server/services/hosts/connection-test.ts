import "server-only";
import { sshSettingsOf } from "@/lib/host/ssh-settings";
import type { ConnectionTestDto } from "@/lib/dto";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { timeWaitNow } from "@/lib/sample/facts";
import type { SshConnectionInput } from "@/lib/schemas";
import { PollFailure, pollError } from "../../poll/poll-failure";
import { jumpTargetOf, type AppContext } from "../../context";
import { getHost } from "../../db/hosts";
import { checkJumpHost } from "./jump-host-check";
import { assertUsableSecret } from "../../secrets/check-secret";
import { connectSsh, type SshTarget } from "../../ssh/connect";
import { probeScript } from "../../transport/probe-script";
import { runProbeOnClient } from "../../transport/ssh-transport";

/**
 * Tests a connection before a host is saved. Without a fingerprint it only fetches the host key for
 * the user to confirm (nothing is authenticated or trusted); with one it logs in with that key
 * pinned and runs the probe once. A secret in the input is used for this login only, never stored.
 */
export async function testConnection(
  ctx: AppContext,
  input: SshConnectionInput & { hostKeyFingerprint?: string; jumpHostId?: number },
): Promise<ConnectionTestDto> {
  const { config } = ctx;
  if (input.authMethod === "stored" && input.secret) assertUsableSecret(input.secret);
  await checkJumpHost(ctx.db, input.jumpHostId ?? null, null);
  const target: SshTarget = {
    ...sshSettingsOf(input),
    fingerprint: input.hostKeyFingerprint ?? null,
    storedSecret: async () => input.secret ?? null,
  };
  const base = { readyTimeoutMs: config.readyTimeoutMs, agentSocket: config.sshAgentSocket };
  const viaJump = async () => (input.jumpHostId ? { sock: await channelThroughJump(ctx, input.jumpHostId, input) } : {});
  if (!input.hostKeyFingerprint) {
    try {
      await connectSsh(target, { ...base, ...(await viaJump()), mode: "scan" }).then((c) => c.client.end());
      return failed(new PollFailure("probe-error", pollError("noHostKeyShown")));
    } catch (err) {
      if (err instanceof PollFailure && err.status === "host-key-unknown" && err.seenFingerprint) {
        return {
          fingerprint: err.seenFingerprint,
          keyType: null,
          status: "host-key-unknown",
          message: pollError("confirmFingerprint"),
          timeWait: null,
          kernel: null,
        };
      }
      return failed(err);
    }
  }
  let connection;
  try {
    connection = await connectSsh(target, { ...base, ...(await viaJump()) });
  } catch (err) {
    return failed(err);
  }
  try {
    const raw = await runProbeOnClient(connection.client, probeScript(), {
      timeoutMs: config.probeTimeoutMs,
      maxBytes: config.probeMaxBytes,
    });
    const sample = parseProbeBundle(raw.text);
    return {
      fingerprint: connection.hostKey.fingerprint,
      keyType: connection.hostKey.keyType,
      status: "ok",
      message: null,
      timeWait: timeWaitNow(sample),
      kernel: sample.kernel,
    };
  } catch (err) {
    return failed(err, connection.hostKey.fingerprint);
  } finally {
    connection.client.end();
  }
}

/** A channel to the host opened by the jump host it will be polled through, over the jump host's pooled connection. */
async function channelThroughJump(ctx: AppContext, jumpHostId: number, to: { address: string; port: number }) {
  const jump = (await getHost(ctx.db, jumpHostId))!;
  return ctx.pool.channelThrough(jumpTargetOf(jump, ctx), to.address, to.port);
}

function failed(err: unknown, fingerprint: string | null = null): ConnectionTestDto {
  const failure = err instanceof PollFailure ? err : new PollFailure("probe-error", (err as Error).message);
  return {
    fingerprint: failure.seenFingerprint ?? fingerprint,
    keyType: null,
    status: failure.status,
    message: failure.message,
    timeWait: null,
    kernel: null,
  };
}

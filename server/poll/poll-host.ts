import "server-only";
import type { Finding } from "@/lib/advice/types";
import { BundleError } from "@/lib/bundle/bundle-error";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { ratesOrNull } from "@/lib/sample/rates";
import type { HostSample, HostStatus, SampleRates } from "@/lib/types";
import type { HostRecord } from "../db/hosts";
import { recordPollStatus } from "../db/hosts";
import type { Db } from "../db/db";
import { recordSample } from "../ingest/record-sample";
import { PollFailure, pollError } from "./poll-failure";
import type { ProbeLimits, ProbeTransport } from "../transport/types";

export interface PollOutcome {
  hostId: number;
  status: HostStatus;
  at: number;
  error: string | null;
  sample: HostSample | null;
  /** Rates since the sample before (null when there was none, or the poll failed). */
  rates: SampleRates | null;
  /** The advisor's findings on `sample`, as the write path computed them (absent: not computed). */
  findings?: readonly Finding[];
}

export interface PollOptions {
  script: string;
  limits: ProbeLimits;
  now?: () => number;
}

/** One poll of one host: transport → bundle → parsed sample → the write path, or a recorded failure. */
export async function pollHost(db: Db, host: HostRecord, transport: ProbeTransport, options: PollOptions): Promise<PollOutcome> {
  const now = options.now ?? Date.now;
  try {
    const raw = await transport.runProbe(options.script, options.limits);
    const sample = parseProbeOutput(raw.text);
    const at = now();
    const { rates, analysis } = await recordSample(db, { hostId: host.id, at, sample, bytes: raw.bytes, durationMs: raw.durationMs });
    return { hostId: host.id, status: "ok", at, error: null, sample, rates: ratesOrNull(rates), findings: analysis.findings };
  } catch (err) {
    const failure =
      err instanceof PollFailure ? err : new PollFailure("probe-error", pollError("unexpected", { detail: (err as Error).message }));
    const at = now();
    await recordPollStatus(db, host.id, {
      status: failure.status,
      error: failure.message,
      at,
      ...(failure.seenFingerprint !== undefined ? { seenFingerprint: failure.seenFingerprint } : {}),
    });
    return { hostId: host.id, status: failure.status, at, error: failure.message, sample: null, rates: null };
  }
}

function parseProbeOutput(text: string): HostSample {
  try {
    return parseProbeBundle(text);
  } catch (err) {
    if (err instanceof BundleError) throw new PollFailure("probe-error", pollError("probeUnusable", { detail: err.message }));
    throw err;
  }
}

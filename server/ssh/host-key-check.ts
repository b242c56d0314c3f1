import "server-only";
import type { VerifyCallback } from "ssh2";
import { fingerprintOf, keyTypeOf } from "./fingerprint";

type HostKeyVerdict = "trusted" | "mismatch" | "unknown" | "scanned";

/** What the verifier saw during one handshake; read it after the connection succeeded or failed. */
export interface HostKeyCheck {
  verdict: HostKeyVerdict | null;
  fingerprint: string | null;
  keyType: string | null;
  verifier: (key: Buffer, verify: VerifyCallback) => void;
}

/**
 * A host-key verifier that accepts only the pinned fingerprint. With no pin, or in scan mode,
 * it records the presented key and rejects: nothing is ever trusted silently.
 * It returns nothing and calls `verify` with a literal boolean (ssh2 accepts any other truthy-ish return).
 */
export function createHostKeyCheck(pinned: string | null, mode: "verify" | "scan" = "verify"): HostKeyCheck {
  const check: HostKeyCheck = {
    verdict: null,
    fingerprint: null,
    keyType: null,
    verifier: (key, verify) => {
      check.fingerprint = fingerprintOf(key);
      check.keyType = keyTypeOf(key);
      if (mode === "scan") check.verdict = "scanned";
      else if (!pinned) check.verdict = "unknown";
      else check.verdict = check.fingerprint === pinned ? "trusted" : "mismatch";
      verify(check.verdict === "trusted");
    },
  };
  return check;
}

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHostKeyCheck } from "@/server/ssh/host-key-check";
import { fingerprintOf, keyTypeOf } from "@/server/ssh/fingerprint";

function generatedKeyBlob(): { blob: Buffer; fingerprint: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-fp-"));
  const file = path.join(dir, "k");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file]);
  const blob = Buffer.from(fs.readFileSync(`${file}.pub`, "utf8").split(" ")[1]!, "base64");
  const fingerprint = execFileSync("ssh-keygen", ["-lf", `${file}.pub`], { encoding: "utf8" }).split(" ")[1]!;
  fs.rmSync(dir, { recursive: true });
  return { blob, fingerprint };
}

describe("host key fingerprints", () => {
  const key = generatedKeyBlob();

  it("fingerprintOf() prints what ssh-keygen -lf prints", () => {
    expect(fingerprintOf(key.blob)).toBe(key.fingerprint);
    expect(keyTypeOf(key.blob)).toBe("ssh-ed25519");
  });

  const verdict = (pinned: string | null, mode?: "scan") => {
    const check = createHostKeyCheck(pinned, mode);
    let answer: unknown;
    const returned = (check.verifier as (k: Buffer, cb: (ok: boolean) => void) => unknown)(key.blob, (ok) => {
      answer = ok;
    });
    return { check, answer, returned };
  };

  it("accepts only the pinned key, answering with a literal true through the callback", () => {
    const { answer, returned, check } = verdict(key.fingerprint);
    expect(answer).toBe(true);
    expect(returned).toBeUndefined();
    expect(check.verdict).toBe("trusted");
  });

  it("rejects a different key and records what was presented", () => {
    const { answer, check } = verdict("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(answer).toBe(false);
    expect(check.verdict).toBe("mismatch");
    expect(check.fingerprint).toBe(key.fingerprint);
  });

  it("rejects every key when nothing is pinned, and in scan mode", () => {
    expect(verdict(null).answer).toBe(false);
    expect(verdict(null).check.verdict).toBe("unknown");
    expect(verdict(key.fingerprint, "scan").answer).toBe(false);
  });
});

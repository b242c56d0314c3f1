import type { HostStatus } from "@/lib/types";
import { TextCode } from "../ui/text-code";

const HINTS: Partial<Record<HostStatus, string>> = {
  unreachable: "Check the address and port, and that a firewall lets the twscope server reach the host's sshd.",
  timeout:
    "The host or network did not answer in time: a dropped port, an overloaded host, or a probe stuck on the host. twscope retries with growing pauses.",
  "auth-failed":
    "Check the user name and the key file (readable by the twscope server), and that the public key is in the user's authorized_keys on the host.",
  "host-key-mismatch":
    "The host presents a different key. Compare it with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host, then re-trust it below; until then twscope does not log in.",
  "host-key-unknown": "No host key is trusted yet. Compare the fingerprint below with the host's own, then trust it.",
  "probe-error": "The probe ran but its output was unusable; the message says why. Nothing from this poll was stored.",
};

export function ErrorHint({ status, error }: { status: HostStatus; error: string | null }) {
  if (status === "ok" || status === "pending" || !error) return null;
  return (
    <div className="rounded bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" role="alert">
      <p className="font-medium">{error}</p>
      {HINTS[status] && (
        <p className="mt-1 text-red-800 dark:text-red-200">
          <TextCode text={HINTS[status]} />
        </p>
      )}
    </div>
  );
}

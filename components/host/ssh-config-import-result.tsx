import Link from "next/link";
import type { ImportResultDto } from "@/lib/dto";
import { countOf } from "@/lib/format/number";

/** What an OpenSSH config import did: hosts added, skipped, warned about, and config lines it did not apply. */
export function SshConfigImportResult({ result }: { result: ImportResultDto }) {
  const { created, skipped, ignored, warnings } = result;
  return (
    <div className="space-y-2 text-sm" role="status">
      <p>
        {countOf(created.length, "host", "hosts")} added, {skipped.length} skipped
        {ignored.length > 0 && <>, {countOf(ignored.length, "config line", "config lines")} not applied</>}.
      </p>
      {created.length > 1 && (
        <p>
          <Link className="underline" href="/hosts/keys">
            Confirm their host keys together
          </Link>
          , or each on its page:
        </p>
      )}
      <ul className="list-disc pl-5">
        {created.map((h) => (
          <li key={h.id}>
            <Link className="underline" href={`/hosts/${h.id}`}>
              {h.name}
            </Link>
            {h.jumpChain.length > 0 && <> (through {h.jumpChain.map((j) => j.name).join(", ")})</>}: confirm its host key
          </li>
        ))}
        {skipped.map((s) => (
          <li key={s.name}>
            {s.name}: skipped, {s.reason}
          </li>
        ))}
      </ul>
      {warnings.length > 0 && (
        <div>
          <h2 className="font-medium">To fix before these hosts can be polled</h2>
          <ul className="list-disc pl-5 text-amber-800 dark:text-amber-300">
            {warnings.map((w) => (
              <li key={w.name}>
                {w.name}: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ignored.length > 0 && (
        <div>
          <h2 className="font-medium">Not applied</h2>
          <ul className="space-y-0.5" aria-label="Config lines not applied">
            {ignored.map((i) => (
              <li key={i.line}>
                <span className="font-mono text-xs text-zinc-500">line {i.line}</span>{" "}
                <code className="font-mono text-xs break-all">{i.text}</code>: {i.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

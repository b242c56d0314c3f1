import { CopyButton } from "../ui/copy-button";

/** The token just created, shown this once, inside a ready `scrape_configs` entry. */
export function ScrapeConfigBlock({ name, token, yaml }: { name: string; token: string; yaml: string }) {
  return (
    <section className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950" role="status">
      <h2 className="font-semibold">Token {name} created</h2>
      <p className="text-sm">
        Copy it now: twscope keeps only its hash and cannot show it again.{" "}
        <code className="font-mono break-all" data-token-value>
          {token}
        </code>{" "}
        <CopyButton text={token} label="Copy token" />
      </p>
      <p className="text-sm">
        Add this to <code className="font-mono">prometheus.yml</code> (or put the token in a file and use{" "}
        <code className="font-mono">credentials_file</code>):
      </p>
      <pre className="overflow-x-auto rounded bg-white p-3 font-mono text-xs dark:bg-zinc-900">{yaml}</pre>
      <CopyButton text={yaml} label="Copy scrape_config" />
    </section>
  );
}

/**
 * A Prometheus `scrape_configs` entry for twscope's `/metrics` at `publicUrl` with a Bearer token:
 * the block the Prometheus page shows on creation, the README gives and the integration test runs.
 */
export function scrapeConfigYaml({
  publicUrl,
  token,
  jobName = "twscope",
  interval,
}: {
  publicUrl: string;
  token: string;
  jobName?: string;
  interval?: string;
}): string {
  const url = new URL(publicUrl);
  const path = `${url.pathname.replace(/\/+$/, "")}/metrics`;
  return [
    "scrape_configs:",
    `  - job_name: ${jobName}`,
    ...(interval ? [`    scrape_interval: ${interval}`] : []),
    `    scheme: ${url.protocol.replace(/:$/, "")}`,
    `    metrics_path: ${path}`,
    "    authorization:",
    "      type: Bearer",
    `      credentials: ${JSON.stringify(token)}`,
    "    static_configs:",
    `      - targets: [${JSON.stringify(url.host)}]`,
    "",
  ].join("\n");
}

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { prometheusRulesFile, ruleExpression } from "@/lib/alerts/prometheus-rules";
import type { AlertRule } from "@/lib/alerts/rule";
import { saveRule } from "@/server/db/alert-rules";
import { insertHost } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";
import { testDatabaseTarget } from "../../support/engines";
import { chinese, english } from "../../support/i18n";

const PROMTOOL = "/usr/bin/promtool";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-rules-export-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function promtoolCheck(text: string): string {
  const file = path.join(dir, `rules-${Math.random().toString(36).slice(2)}.yml`);
  fs.writeFileSync(file, text);
  const r = spawnSync(PROMTOOL, ["check", "rules", file], { encoding: "utf8" });
  return `${r.status} ${r.stdout}${r.stderr}`;
}

const scoped: AlertRule = {
  ...BUILTIN_RULES.find((r) => r.id === "destination-port-use")!,
  id: "edge-port-use",
  builtin: false,
  selector: { hosts: [1], tags: ["edge", "db.primary"] },
};

describe("twscope rules export", () => {
  it("scopes a rule's expression to its hosts by name and its tags through twscope_host_tag", () => {
    const { expr } = ruleExpression(scoped, { hostNames: new Map([[1, "web-1"]]), pollIntervalSeconds: 15 });
    expect(expr).toBe(
      '((1 - twscope_destination_port_headroom_ratio) * 100 >= 70) and on (host) (twscope_host_up{host=~"web-1"} or twscope_host_tag{tag=~"edge|db\\\\.primary"})',
    );
  });

  it.runIf(fs.existsSync(PROMTOOL))("writes every built-in rule, and a scoped one, in a file promtool check rules accepts", () => {
    const text = prometheusRulesFile([...BUILTIN_RULES, scoped], { hostNames: new Map([[1, "web-1"]]), pollIntervalSeconds: 15 }, english);
    expect(promtoolCheck(text)).toMatch(new RegExp(`^0 .*SUCCESS: ${BUILTIN_RULES.length + 1} rules found`, "s"));
    expect(text).toContain("twscope_sample_age_seconds > 45");
  });

  it("writes the summaries in the chosen language around the same templates, with the same names, labels and expressions", () => {
    const x = { hostNames: new Map<number, string>(), pollIntervalSeconds: 15 };
    const [en, zh] = [prometheusRulesFile(BUILTIN_RULES, x, english), prometheusRulesFile(BUILTIN_RULES, x, chinese)];
    const withoutSummaries = (text: string) => text.split("\n").filter((l) => !l.includes("summary:"));
    expect(withoutSummaries(zh)).toEqual(withoutSummaries(en));
    expect(en).toContain('summary: "{{ $labels.host }}: conntrack table {{ printf \\"%.0f\\" $value }}% full"');
    expect(zh).toContain('summary: "{{ $labels.host }}：连接跟踪表已用 {{ printf \\"%.0f\\" $value }}%"');
    if (fs.existsSync(PROMTOOL)) expect(promtoolCheck(zh)).toMatch(new RegExp(`^0 .*SUCCESS: ${BUILTIN_RULES.length} rules found`, "s"));
    const cli = execFileSync("node", ["bin/twscope.mjs", "rules", "export", "--builtin", "--lang", "zh-CN"], { encoding: "utf8" });
    expect(cli).toBe(zh);
  });

  it("prints the rules of the database as tuned there, leaving out those switched off", async () => {
    const dataDir = path.join(dir, "data");
    const target = await testDatabaseTarget(dataDir, "twscope.db");
    // LC_ALL=C: English whatever the shell running the tests speaks.
    const env = {
      ...process.env,
      LC_ALL: "C",
      TWSCOPE_DATA_DIR: dataDir,
      ...(target.databaseUrl ? { TWSCOPE_DATABASE_URL: target.databaseUrl } : {}),
    };
    const db = await openDatabase(target);
    await insertHost(db, {
      name: "web-1",
      address: "10.0.0.1",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
      hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
    });
    const portUse = BUILTIN_RULES.find((r) => r.id === "destination-port-use")!;
    await saveRule(db, { ...portUse, forSeconds: 5, params: { percent: 55 } });
    await saveRule(db, { ...BUILTIN_RULES.find((r) => r.id === "host-stale")!, enabled: false });
    await db.close();
    const out = execFileSync("node", ["bin/twscope.mjs", "rules", "export"], {
      encoding: "utf8",
      env,
    });
    expect(out).toContain('expr: "(1 - twscope_destination_port_headroom_ratio) * 100 >= 55"\n        for: 5s');
    expect(out).not.toContain("alert: host-stale");
    const builtin = execFileSync("node", ["bin/twscope.mjs", "rules", "export", "--builtin"], {
      encoding: "utf8",
      env,
    });
    expect(builtin).toContain("alert: host-stale");
    if (fs.existsSync(PROMTOOL)) expect(promtoolCheck(out)).toMatch(/^0 /);
  });
});

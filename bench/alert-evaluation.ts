import fs from "node:fs";
import path from "node:path";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { ratesOrNull } from "@/lib/sample/rates";
import { AlertEvaluator } from "@/server/alerts/alert-evaluator";
import { insertHost } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";
import { recordSample } from "@/server/ingest/record-sample";
import { median, timed } from "./stats";

const LAB_BUNDLES = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "tests", "fixtures", "bundles", "lab");

export interface AlertEvaluationCost {
  hosts: number;
  rounds: number;
  /** Median time of one evaluation of every host, as the poller runs it after each poll. */
  roundMs: number;
  /** Median time of the same round's sample writes (`recordSample`), measured in the same run. */
  writeRoundMs: number;
  /** Alerts open (pending or firing) after the last round, and notices queued in all. */
  openAlerts: number;
  notices: number;
}

/**
 * The alert evaluation's cost per poll round: `hosts` hosts given the lab scenarios' real samples
 * in turn (so rules fire, go pending and resolve), each round a write of every host's sample and
 * then an evaluation of every host (with the findings the write computed, as after a poll), each timed on its own. Rounds are 15 s apart on the clock the
 * evaluator is given. One enabled webhook channel, so firing alerts queue notices as they would.
 */
export async function measureAlertEvaluation(workDir: string, hosts: number, rounds: number): Promise<AlertEvaluationCost> {
  const file = path.join(workDir, "alerts", "twscope.db");
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const db = await openDatabase({ databaseFile: file });
  try {
    const samples = fs
      .readdirSync(LAB_BUNDLES)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => parseProbeBundle(fs.readFileSync(path.join(LAB_BUNDLES, f), "utf8")));
    const ids: number[] = [];
    for (let i = 0; i < hosts; i++) {
      const host = await insertHost(db, {
        name: `bench-${i}`,
        address: `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        port: 22,
        username: "twscope",
        authMethod: "agent",
        tags: i % 2 ? ["odd"] : [],
        hostKeyFingerprint: `SHA256:${"B".repeat(43)}`,
      });
      ids.push(host.id);
    }
    const byte = Buffer.alloc(1);
    await db.run(
      `INSERT INTO alert_channels (name, kind, options, url_hint, nonce, ciphertext, auth_tag, created_at, updated_at)
       VALUES ('bench', 'webhook', '{}', 'http://127.0.0.1/…', ?, ?, ?, 0, 0)`,
      [byte, byte, byte],
    );
    const evaluator = new AlertEvaluator({ db, publicUrl: "http://127.0.0.1:3000", pollIntervalMs: 15_000, groupWaitMs: 10_000 });
    const start = Date.now() - rounds * 15_000;
    const writes: number[] = [];
    const evaluations: number[] = [];
    let notices = 0;
    for (let r = 0; r < rounds; r++) {
      const at = start + r * 15_000;
      const outcomes = ids.map((hostId, i) => ({ hostId, sample: samples[(i + r) % samples.length]! }));
      const written = await timed(async () => {
        const out = [];
        for (const { hostId, sample } of outcomes) {
          out.push({ hostId, sample, ...(await recordSample(db, { hostId, at, sample, bytes: 1, durationMs: 1 })) });
        }
        return out;
      });
      const results = await timed(async () => {
        const out = [];
        for (const o of written.result) {
          out.push(
            await evaluator.afterPoll(
              {
                hostId: o.hostId,
                status: "ok",
                at,
                error: null,
                sample: o.sample,
                rates: ratesOrNull(o.rates),
                findings: o.analysis.findings,
              },
              at,
            ),
          );
        }
        return out;
      });
      writes.push(written.ms);
      evaluations.push(results.ms);
      notices += results.result.reduce((sum, x) => sum + (x?.notices ?? 0), 0);
    }
    const open = (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM alerts WHERE state IN ('pending', 'firing')"))!.n;
    return { hosts, rounds, roundMs: median(evaluations), writeRoundMs: median(writes), openAlerts: open, notices };
  } finally {
    await db.close();
  }
}
